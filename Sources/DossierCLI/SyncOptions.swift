internal import ArgumentParser
internal import DossierCore
internal import Foundation
internal import Git
internal import Remote
internal import Sync
#if canImport(Glibc)
internal import Glibc
#endif

/// Options of the commands that talk to the remote.
struct TransferOptions: ParsableArguments {
    @Flag(help: ArgumentHelp(L10n.t("Faire confiance à un hôte ssh jamais vu (sa clé est ajoutée à known_hosts).",
                                    "Trust an ssh host never seen before (its key is added to known_hosts).")))
    var acceptNewHost = false

    @Option(help: ArgumentHelp(L10n.t("Clé ssh privée à utiliser.", "ssh private key to use."), valueName: "file"))
    var sshKey: String?

    @Flag(name: .shortAndLong, help: ArgumentHelp(L10n.t("Pas d'affichage de progression.", "No progress display.")))
    var quiet = false

    func validate() throws {
        if let sshKey, !FileManager.default.fileExists(atPath: sshKey) {
            throw ValidationError(L10n.t("clé ssh introuvable : \(sshKey)", "ssh key not found: \(sshKey)"))
        }
    }

    /// The connection settings these flags and the process environment give.
    func remoteOptions(lang: Lang) -> RemoteOptions {
        .process(lang: lang, sshKey: sshKey, acceptNewHost: acceptNewHost)
    }

    /// The media progress line, when progress is shown (not `--quiet`, stderr a terminal).
    func mediaProgress(lang: Lang) -> MediaProgress? {
        guard showsProgress else { return nil }
        let media = MediaProgressLine(lang: lang)
        return { media.show($0) }
    }

    func syncOptions(lang: Lang) -> Syncer.Options {
        var options = Syncer.Options(remote: remoteOptions(lang: lang), lang: lang)
        if showsProgress {
            options.progress = ProgressLine(lang: lang).show
            options.mediaProgress = mediaProgress(lang: lang)
        }
        return options
    }

    private var showsProgress: Bool { !quiet && isatty(STDERR_FILENO) == 1 }
}

/// One line on the terminal, rewritten as a transfer progresses: objects, bytes, rate.
final class ProgressLine {
    let lang: Lang
    let start = Date()
    var last = Date.distantPast

    init(lang: Lang) { self.lang = lang }

    func show(_ progress: TransferProgress) {
        let now = Date()
        let done = progress.totalObjects > 0 && progress.objects == progress.totalObjects
        guard done || now.timeIntervalSince(last) > 0.1 else { return }
        last = now
        let rate = Double(progress.bytes) / max(now.timeIntervalSince(start), 0.001)
        let verb = progress.isPush ? lang.pick(fr: "Envoi", en: "Sending") : lang.pick(fr: "Réception", en: "Receiving")
        let counts = "\(progress.objects)/\(progress.totalObjects)"
        Output.progress(lang.pick(fr: "\(verb) : \(counts) objets", en: "\(verb): \(counts) objects")
                        + ", \(Self.size(progress.bytes)), \(Self.size(Int(rate)))/s", done: done)
    }

    static func size(_ bytes: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB"]
        var value = Double(bytes), unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }
}
