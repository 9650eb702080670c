internal import Credentials
internal import DossierCore
internal import DossierRepository
internal import DossierWeb
internal import Git
internal import Hub
internal import HubWeb
internal import LinkedData
internal import Remote
internal import Sync
internal import WebLayer

// How each public error type of the libraries reaches the user. `FailureTests` checks that every
// public error type declared in Sources has its conformance here.

extension DossierError: ReportedError {
    func failure(_ lang: Lang) -> Failure { Failure(lines: [text(lang)], code: Failure.failure) }
}

extension DossierErrors: ReportedError {
    func failure(_ lang: Lang) -> Failure { Failure(lines: errors.map { $0.text(lang) }, code: Failure.failure) }
}

extension ProposeError: ReportedError {
    func failure(_ lang: Lang) -> Failure { Failure(lines: [text(lang)], code: Failure.failure) }
}

extension WorkspaceError: ReportedError {
    /// 8 busy, 1 otherwise.
    func failure(_ lang: Lang) -> Failure { Failure(lines: [text(lang)], code: exitCode) }
}

extension SyncError: ReportedError {
    /// 2 unreachable, 3 authentication or host, 4 conflicts, 5 tampering, 7 not on main, 8 busy.
    func failure(_ lang: Lang) -> Failure { Failure(lines: [text(lang)], code: exitCode) }
}

extension RemoteError: ReportedError {
    /// 2 unreachable or no answer, 3 authentication or host refused, 1 otherwise.
    func failure(_ lang: Lang) -> Failure { Failure(lines: [text(lang)], code: exitCode) }
}

extension MediaTransferError: ReportedError {
    func failure(_ lang: Lang) -> Failure {
        let code: Int32 = switch self {
        case .connection: 2
        case .unauthorized: 3
        default: Failure.failure
        }
        return Failure(lines: [text(lang)], code: code)
    }
}

extension BadgeError: ReportedError {
    /// 9 not valid (`verify`), 3 issuer keys changed (`sync`), 2 a document unreachable, 1 otherwise.
    func failure(_ lang: Lang) -> Failure {
        let code: Int32 = switch self {
        case .notValid: Failure.notValid
        case .issuerKeysChanged: 3
        case .download: 2
        default: Failure.failure
        }
        return Failure(lines: [text(lang)], code: code)
    }
}

/// A credential that cannot be read, issued or verified (its own fr/en text).
extension CredentialError: ReportedError {
    func failure(_ lang: Lang) -> Failure { Failure(lines: [text(lang)], code: Failure.failure) }
}

extension CatalogueError: ReportedError {
    func failure(_ lang: Lang) -> Failure { Failure(lines: [text(lang)], code: Failure.failure) }
}

/// A badge proposal command refused (its own fr/en text).
extension ProposalError: ReportedError {
    func failure(_ lang: Lang) -> Failure { Failure(lines: [text(lang)], code: Failure.failure) }
}

extension PublishError: ReportedError {
    func failure(_ lang: Lang) -> Failure { Failure(lines: [text(lang)], code: Failure.failure) }
}

/// JSON-LD processing of a credential (its own fr/en text).
extension LinkedDataError: ReportedError {
    func failure(_ lang: Lang) -> Failure { Failure(lines: [text(french: lang == .fr)], code: Failure.failure) }
}

extension PasswordError: ReportedError {
    func failure(_ lang: Lang) -> Failure { Failure(lines: [text(lang)], code: Failure.failure) }
}

extension WebError: ReportedError {
    func failure(_ lang: Lang) -> Failure { Failure(lines: [text(lang)], code: Failure.failure) }
}

extension ReviewWebError: ReportedError {
    func failure(_ lang: Lang) -> Failure { Failure(lines: [text(lang)], code: Failure.failure) }
}

/// A page template that does not parse (a bug of the web layer, caught by the template tests).
extension WebTemplate.TemplateError: ReportedError {
    func failure(_ lang: Lang) -> Failure {
        Failure(lines: [lang.pick(fr: "erreur interne : le modèle de page « \(name) » est invalide", en: "internal error: the page template '\(name)' is invalid")],
                code: Failure.failure)
    }
}

extension UIError: ReportedError {
    func failure(_ lang: Lang) -> Failure { Failure(lines: [text(lang)], code: Failure.failure) }
}

// Errors without a text of their own in the user's language: shown as the parser shows any
// other error, with exit code 1 (as before this mapping existed; they should not reach the user).

extension HubError: ReportedError {
    /// 8 when the review store stayed busy (try again), 1 otherwise.
    func failure(_ lang: Lang) -> Failure { Failure(lines: [text(lang)], code: self == .storeBusy ? Failure.busy : Failure.failure) }
}

/// A libgit2 failure reaching the user: a full disk or a refused file under libgit2 said in the
/// user's words (`DossierError(GitError)`), anything else as libgit2's classified message.
extension GitError: ReportedError {
    func failure(_ lang: Lang) -> Failure { Failure(lines: [DossierError(self).text(lang)], code: Failure.failure) }
}

extension FilterFailure: ReportedError {
    func failure(_ lang: Lang) -> Failure { Failure.parser(self, lang: lang) ?? Failure(lines: [], code: Failure.failure) }
}

extension MediaError: ReportedError {
    func failure(_ lang: Lang) -> Failure { Failure.parser(self, lang: lang) ?? Failure(lines: [], code: Failure.failure) }
}

extension TreeRefusal: ReportedError {
    func failure(_ lang: Lang) -> Failure { Failure.parser(self, lang: lang) ?? Failure(lines: [], code: Failure.failure) }
}

/// The in-memory review store's broken constraint (tests' store; the tool uses SQLite's).
extension MemoryReviewStore.Violation: ReportedError {
    func failure(_ lang: Lang) -> Failure { Failure.parser(self, lang: lang) ?? Failure(lines: [], code: Failure.failure) }
}
