import DossierCore
import DossierRepository
import Foundation
import Git
import Remote
import Sync
import WebLayer

/// The progress page's model: while the sync runs, objects, bytes and media so far; when it has
/// ended, the outcome in words — the same as `dossier sync` prints (`SyncText`).
extension SyncPage {
    static func progressModel(_ state: SyncJob.State, catalogue: Catalogue, lang: Lang) throws -> [String: Any] {
        var model: [String: Any] = [
            "running": state.isRunning, "started": MomentFormat.shared.string(state.started, lang),
            "progress": progressLines(state, lang),
        ]
        if let ended = state.ended { model["ended"] = MomentFormat.shared.string(ended, lang) }
        switch state.outcome {
        case nil: break
        case .failed(let error)?: model.merge(failure(error, lang)) { _, new in new }
        case .finished(let report)?: model.merge(try outcome(report, catalogue: catalogue, lang: lang)) { _, new in new }
        }
        for key in ["alerts", "conflicts", "lines", "keptBoth", "missing"] {
            model["has" + key.prefix(1).uppercased() + key.dropFirst()] = !((model[key] as? [String]) ?? []).isEmpty
        }
        return model
    }

    /// Objects and bytes received and sent, media files and bytes: what libgit2 and the media
    /// transfer said last.
    static func progressLines(_ state: SyncJob.State, _ lang: Lang) -> [String] {
        var lines: [String] = []
        if let received = state.received {
            lines.append(lang.t("Réception : \(received.objects)/\(received.totalObjects) objets, \(size(received.bytes))",
                                "Receiving: \(received.objects)/\(received.totalObjects) objects, \(size(received.bytes))"))
        }
        if let media = state.mediaReceived {
            lines.append(lang.t("Réception des médias : \(media.files)/\(media.totalFiles) fichiers, \(size(media.bytes))/\(size(media.totalBytes))",
                                "Receiving media: \(media.files)/\(media.totalFiles) files, \(size(media.bytes))/\(size(media.totalBytes))"))
        }
        if let media = state.mediaSent {
            lines.append(lang.t("Envoi des médias : \(media.files)/\(media.totalFiles) fichiers, \(size(media.bytes))/\(size(media.totalBytes))",
                                "Sending media: \(media.files)/\(media.totalFiles) files, \(size(media.bytes))/\(size(media.totalBytes))"))
        }
        if let sent = state.sent {
            lines.append(lang.t("Envoi : \(sent.objects)/\(sent.totalObjects) objets, \(size(sent.bytes))",
                                "Sending: \(sent.objects)/\(sent.totalObjects) objects, \(size(sent.bytes))"))
        }
        if lines.isEmpty, state.isRunning {
            lines.append(lang.t("Connexion au serveur de la Région…", "Connecting to the Région's server…"))
        }
        return lines
    }

    /// A failed sync: offline is said as such (nothing is lost); every other error in its own words.
    static func failure(_ error: any Error, _ lang: Lang) -> [String: Any] {
        var model: [String: Any] = [:]
        switch error {
        case let remote as RemoteError where remote.exitCode == 2:
            model["offline"] = lang.t("Pas de connexion : vos enregistrements restent sur cet ordinateur et partiront à la prochaine synchronisation.",
                                      "No connection: your saves stay on this computer and will go at the next sync.")
            model["detail"] = remote.text(lang)
        default:
            model["error"] = UIApp.describe(error, lang).1
        }
        switch error {
        case SyncError.conflictsOpen: model["goConflicts"] = true
        case SyncError.unsavedChanges: model["goSave"] = true
        default: break
        }
        return model
    }

    /// A sync that went through (conflicts included), line by line as `dossier sync` says it.
    static func outcome(_ report: Syncer.Report, catalogue: Catalogue, lang: Lang) throws -> [String: Any] {
        var model: [String: Any] = [:]
        var lines: [String] = []
        if let incoming = report.incoming, !incoming.isEmpty {
            model["received"] = try DossierDiffView.render(incoming, catalogue: catalogue, lang: lang)
        } else if report.fastForwarded {
            lines.append(lang.t("À jour avec le serveur (aucun changement de contenu).", "Up to date with the remote (no content change)."))
        } else if report.fetched {
            lines.append(lang.t("Aucun enregistrement nouveau sur le serveur.", "No new save on the remote."))
        }
        if report.merged { lines.append(lang.t("Vos changements et ceux reçus ont été fusionnés et enregistrés.", "Your changes and the received ones were merged and saved.")) }
        if report.mediaReceived > 0 { lines.append(lang.t("Médias reçus : \(report.mediaReceived).", "Media received: \(report.mediaReceived).")) }
        if !report.mediaNotDownloaded.isEmpty {
            lines.append(lang.t("\(report.mediaNotDownloaded.count) média(s) laissé(s) sur le serveur (« dossier media fetch » pour les récupérer).",
                                "\(report.mediaNotDownloaded.count) media left on the remote (`dossier media fetch` gets them)."))
        }
        if report.mediaSent > 0 { lines.append(lang.t("Médias envoyés : \(report.mediaSent).", "Media sent: \(report.mediaSent).")) }
        if report.pushed {
            model["sent"] = lang.t("Envoyé à la Région : \(report.sentSaves) enregistrement(s), \(report.sentSubmissions.count) demande(s).",
                                   "Sent to the Région: \(report.sentSaves) save(s), \(report.sentSubmissions.count) request(s).")
        } else if report.conflicts.isEmpty {
            lines.append(lang.t("Rien à envoyer.", "Nothing to send."))
        }
        if !report.sentProposals.isEmpty {
            lines.append(lang.t("Proposition(s) de badge envoyée(s) : \(report.sentProposals.count).",
                                "Badge proposal(s) sent: \(report.sentProposals.count)."))
        }
        switch report.issuerKeys {
        case .pinned:
            lines.append(lang.t("Clés de signature de la Région enregistrées (\(report.issuer ?? "?")) : les badges reçus seront vérifiés avec elles.",
                                "The Région's signing keys pinned (\(report.issuer ?? "?")): received credentials will be verified with them."))
        case .rotated:
            lines.append(lang.t("Nouvelles clés de signature de la Région acceptées (changement signé par l'ancienne clé).",
                                "New signing keys of the Région accepted (change signed by the previous key)."))
        default: break
        }
        model["lines"] = lines
        model["keptBoth"] = report.keptBothVersions.map { copy in
            lang.t("Deux versions gardées : \(copy) (à départager sur la page du badge)", "Both versions kept: \(copy) (choose one on the badge's page)")
        }
        model["missing"] = Array(Set(report.mediaMissing.map(\.path))).sorted().map { path in
            lang.t("Média introuvable ici comme sur le serveur : \(path)", "Media found neither here nor on the remote: \(path)")
        }
        var alerts = report.tampered.map { tag in
            lang.t("Attention : \(tag) diffère sur le serveur (non écrasé).", "Warning: \(tag) differs on the remote (not overwritten).")
        }
        if report.issuerKeys.isRefused { alerts.append(BadgeError.issuerKeysChanged(issuer: report.issuer ?? "?").text(lang)) }
        model["alerts"] = alerts
        if !report.conflicts.isEmpty {
            model["conflicts"] = report.conflicts.map { $0.text(lang) }
            model["conflictsHeading"] = lang.t("\(report.conflicts.count) conflit(s) à régler (rien n'a été envoyé)",
                                               "\(report.conflicts.count) conflict(s) to settle (nothing was sent)")
        }
        return model
    }

    /// Bytes as a person reads them (as the command line's progress line).
    static func size(_ bytes: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB"]
        var value = Double(bytes), unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }
}
