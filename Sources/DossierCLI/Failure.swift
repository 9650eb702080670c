internal import ArgumentParser
internal import DossierCore

/// What a failed command tells the user (lines on stderr, in the user's language) and the exit
/// code it ends with. Every error reaches the user through `Failure.of`: the libraries' errors by
/// their `ReportedError` conformance (Failure+Errors.swift, one per public error type, which a
/// test checks), the parser's by its own exit code.
///
/// Exit codes: 0 success; 1 error; 2 remote unreachable; 3 authentication or host refused;
/// 4 conflicts to settle; 5 submission tag changed on the remote; 6 `hub reconcile` failed for
/// some CFA; 7 `sync` outside `main`; 8 busy; 9 `verify`: the credential is not valid; 64 usage.
/// (`sync` also ends with 3 when the issuer's signing keys changed without a signed rotation
/// statement, as for a changed ssh host key.)
struct Failure: Equatable {
    let lines: [String]
    let code: Int32

    static let failure: Int32 = 1
    static let busy: Int32 = 8
    static let notValid: Int32 = 9
    static let usage: Int32 = ExitCode.validationFailure.rawValue

    /// The failure for `error`; nil for help and version requests (exit 0, printed by the parser).
    static func of(_ error: any Error, lang: Lang) -> Failure? {
        if let error = error as? any ReportedError { return error.failure(lang) }
        // A file system error from Foundation (a full disk, a read-only folder): one line in the
        // user's words.
        if let problem = FileProblem(error) {
            return Failure(lines: [DossierError(.fileSystem(problem, path: "")).text(lang)], code: failure)
        }
        // A command that already said everything (reconcile with failed CFAs: exit 6; busy: 8).
        if let code = error as? ExitCode { return Failure(lines: [], code: code.rawValue) }
        return parser(error, lang: lang)
    }

    /// The parser's errors (usage mistakes, `ValidationError`s): one line, without the usage
    /// block, and the parser's exit code (64; 0 for help and version: nil).
    static func parser(_ error: any Error, lang: Lang) -> Failure? {
        let code = DossierCommand.exitCode(for: error)
        guard code != .success else { return nil }
        let message = UsageErrorText.text(DossierCommand.message(for: error), lang: lang)
        return Failure(lines: [lang.pick(fr: "Erreur : ", en: "Error: ") + message + lang.pick(fr: " (voir --help)", en: " (see --help)")],
                       code: code.rawValue)
    }
}

/// An error the command line reports with its own lines and exit code.
protocol ReportedError: Error {
    func failure(_ lang: Lang) -> Failure
}
