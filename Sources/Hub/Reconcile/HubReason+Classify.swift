import DossierCore
import Foundation
internal import Git
import HubReview
import Remote

extension HubReason {
    /// What an error means, as a reason the store can keep: typed errors map to their case,
    /// libgit2's by class and code; no library's English message is kept.
    static func classify(_ error: Error) -> HubReason {
        switch error {
        case let refusal as TreeSafety.Refusal: return .unsafeTree(tag: nil, refusal: refusal)
        case let failure as SubmissionIngester.Failure: return failure.reason
        case let error as RemoteError:
            switch error {
            // The detail is libgit2's message for a network failure: only whether the folder was missing is kept.
            case .unreachable(let url, let detail): return .unreachable(url: url, missingFolder: detail == RemoteError.noSuchFolder)
            case .noAnswer(_, let seconds): return .noAnswer(seconds: seconds)
            case .authenticationRefused(let url): return .authenticationRefused(url: url)
            case .unknownHost(let host, let fingerprint): return .unknownHost(host: host, fingerprint: fingerprint)
            case .hostKeyChanged(let host): return .hostKeyChanged(host: host)
            case .remoteRefused(let detail): return .remoteRefused(detail: detail)
            case .corruptTransfer: return .corruptTransfer
            }
        case let error as HubError:
            switch error {
            case .storeBusy: return .store(code: 5)
            case .storeFailure(let code): return .store(code: code)
            default: return .internalError("hub")
            }
        case let error as DossierError: return .invalidDossier(tag: "", errors: [error])
        case let error as GitError: return .git(errorClass: error.errorClass, code: error.code.rawValue)
        case let error as CocoaError: return .internalError("file \(error.code.rawValue)")
        default: return .internalError(String(describing: type(of: error)))
        }
    }
}
