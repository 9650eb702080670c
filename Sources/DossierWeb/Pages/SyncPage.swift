import DossierCore
import DossierRepository
import Foundation
import Hummingbird
import Remote
import Sync
import WebLayer

/// `/sync`: the remote's address, what is not sent yet, one button. The button starts what
/// `dossier sync` runs (`Syncer.sync()`) in the background — one at a time — and sends the browser
/// to `/sync/progress`, which reloads itself each second while the sync runs (no script needed),
/// then says how it ended.
extension UIApp {
    func addSyncRoutes(to router: Router<UIContext>) {
        router.get("/sync") { [self] request, context -> Response in
            let lang = context.lang
            return try page(request, context, title: SyncPage.strings.table(lang)["title"] ?? "", template: SyncPage.template,
                            strings: SyncPage.strings, model: try syncModel(lang), nav: .sync)
        }
        router.post("/sync") { [self] request, context -> Response in
            _ = try await form(request, context)
            guard isDossier else { throw UIError.noDossier }
            // A sync already running is the one shown: nothing else starts.
            startSync(lang: context.lang)
            return WebResponse.redirect("/sync/progress")
        }
        router.get("/sync/progress") { [self] request, context -> Response in
            let lang = context.lang
            guard let state = syncJob.current else { return WebResponse.redirect("/sync") }
            let model = try SyncPage.progressModel(state, catalogue: catalogue, lang: lang)
            return try page(request, context, title: SyncPage.progressStrings.table(lang)["title"] ?? "", template: SyncPage.progressTemplate,
                            strings: SyncPage.progressStrings, model: model, nav: .sync, refresh: state.isRunning ? 1 : nil)
        }
    }

    /// Starts `dossier sync`'s work on the job's thread, unless a sync is running. A time-out of
    /// the remote ends the job with its error; the server goes on.
    @discardableResult
    func startSync(lang: Lang) -> Bool {
        syncJob.start(now: settings.now()) { [self] reporter in
            let workspace = try workspace()
            var remote = settings.remote(lang)
            remote.onTimeout = { error in reporter.end(.failed(error)) }
            var options = Syncer.Options(remote: remote, lang: lang)
            options.progress = { reporter.transfer($0) }
            options.mediaProgress = { reporter.media($0) }
            return try Syncer(workspace: workspace, options: options).sync()
        }
    }

    func syncModel(_ lang: Lang) throws -> [String: Any] {
        let workspace = try workspace()
        let syncer = syncer(workspace, lang: lang)
        let remote = try workspace.repository.remote(named: "origin")?.url
        let unsaved = try workspace.changedFiles().count
        let unsynced = remote == nil ? 0 : try syncer.unsyncedSaves()
        let unsent = try syncer.unpushedSubmissions()
        let conflicts = try ConflictResolver(workspace: workspace).conflicts()?.open.count ?? 0
        let job = syncJob.current
        var model: [String: Any] = [
            "remote": remote ?? "", "noRemote": remote == nil, "canSync": remote != nil && job?.isRunning != true,
            "running": job?.isRunning == true, "lastEnded": job.map { !$0.isRunning } ?? false,
            "pending": lang.t("\(unsynced) enregistrement(s) et \(unsent.count) demande(s) de badge pas encore envoyé(s).",
                              "\(unsynced) save(s) and \(unsent.count) badge request(s) not sent yet."),
            "requests": unsent, "hasRequests": !unsent.isEmpty,
        ]
        if unsaved > 0 {
            model["unsaved"] = lang.t("\(unsaved) fichier(s) modifié(s) pas encore enregistré(s) : enregistrez-les d'abord, la synchronisation n'envoie que ce qui est enregistré.",
                                      "\(unsaved) changed file(s) not saved yet: save them first, sync sends only what is saved.")
        }
        if conflicts > 0 {
            model["conflicts"] = lang.t("\(conflicts) conflit(s) de la dernière synchronisation à régler avant de synchroniser à nouveau.",
                                        "\(conflicts) conflict(s) of the last sync to settle before syncing again.")
        }
        return model
    }
}
