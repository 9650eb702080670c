internal import ArgumentParser
internal import DossierCore
internal import DossierRepository
internal import Foundation
internal import Remote
internal import Sync
#if canImport(Glibc)
internal import Glibc
#endif

/// `--no-media`: leave media on the remote (for a poor connection).
struct MediaOptions: ParsableArguments {
    @Flag(help: ArgumentHelp(L10n.t("Ne pas télécharger les médias (vidéos…) ; « dossier media fetch » les récupère plus tard.",
                                    "Do not download media (videos…); `dossier media fetch` gets them later.")))
    var noMedia = false
}

/// `dossier media fetch [BADGE]`.
struct MediaCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "media", abstract: L10n.t("Les médias (vidéos, gros fichiers) du dossier.", "The dossier's media (videos, large files)."),
                             subcommands: [Fetch.self])
    }

    struct Fetch: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "fetch", abstract: L10n.t("Télécharge les médias absents de ce poste (tous, ou ceux d'un badge).",
                                                                        "Download the media missing on this laptop (all, or a badge's)."))
        }

        @OptionGroup var options: GlobalOptions
        @OptionGroup var transfer: TransferOptions
        @Argument(help: ArgumentHelp(L10n.t("Seulement ce badge.", "Only this badge."))) var badge: String?
        @Flag(help: ArgumentHelp(L10n.t("Sortie JSON.", "JSON output."))) var json = false

        func run() throws {
            let context = try CommandContext(options)
            let report = try MediaFetcher(workspace: context.workspace(), options: transfer.syncOptions(lang: context.lang)).fetch(badge: badge)
            if json { return try Output.json(report) }
            if report.received.isEmpty, report.missing.isEmpty {
                return Output.line(context.t("Tous les médias sont présents.", "Every media file is here."))
            }
            MediaText(context: context).print(report)
        }
    }
}

/// How media outcomes read.
struct MediaText {
    let context: CommandContext

    func print(_ report: MediaFetcher.Report) {
        if !report.received.isEmpty {
            Output.line(context.t("Médias reçus : \(report.received.count).", "Media received: \(report.received.count)."))
        }
        printMissing(report.missing)
    }

    func printMissing(_ missing: [MissingMedia]) {
        var seen = Set<String>()
        for item in missing where seen.insert(item.path).inserted {
            let name = [item.badge, item.evidence].compactMap { $0 }.joined(separator: "/")
            Output.error(context.t("Média introuvable ici comme sur le serveur : \(name) (\(item.path))",
                                   "Media found neither here nor on the remote: \(name) (\(item.path))"))
        }
    }

    static func describe(_ error: Error, _ lang: Lang) -> String {
        switch error {
        case let error as Localized: error.text(lang)
        default: "\(error)"
        }
    }
}

/// One line on the terminal for media transfers: files, bytes, rate.
final class MediaProgressLine: @unchecked Sendable {
    let lang: Lang
    let start = Date()
    var last = Date.distantPast
    let lock = NSLock()

    init(lang: Lang) { self.lang = lang }

    func show(_ state: MediaProgressState) {
        lock.withLock {
            let now = Date()
            let done = state.files == state.totalFiles
            guard done || now.timeIntervalSince(last) > 0.1 else { return }
            last = now
            let rate = Double(state.bytes) / max(now.timeIntervalSince(start), 0.001)
            let verb = state.isUpload ? lang.pick(fr: "Envoi des médias", en: "Sending media") : lang.pick(fr: "Réception des médias", en: "Receiving media")
            let files = lang.pick(fr: "fichiers", en: "files")
            let text = "\(verb)\(lang.pick(fr: " :", en: ":")) \(state.files)/\(state.totalFiles) \(files), "
                + "\(ProgressLine.size(state.bytes))/\(ProgressLine.size(state.totalBytes)), \(ProgressLine.size(Int(rate)))/s"
            Output.progress(text, done: done)
        }
    }
}
