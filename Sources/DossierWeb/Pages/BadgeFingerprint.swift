import DossierCore
import DossierRepository
import Foundation
internal import HTTPTypes
import WebLayer

/// What a badge page showed: the SHA-256 of the badge's `claim.yaml` as it was read (`none` before
/// the badge is started). Every form that modifies the claim carries it; a form whose fingerprint
/// no longer matches was made from a page that is out of date (a hand edit, the command line,
/// another tab) and is refused with `BadgePageError.stale`, nothing written.
enum BadgeFingerprint {
    static func of(_ workspace: Workspace, badge: String) -> String {
        guard let data = FileManager.default.contents(atPath: workspace.root + "/" + Claim.path(badge: badge)) else { return "none" }
        return Digest.sha256([UInt8](data))
    }

    /// Throws unless `given` is the fingerprint of the claim now.
    static func check(_ given: String?, _ workspace: Workspace, badge: String) throws {
        guard let given, !given.isEmpty else { throw WebError.badForm("fingerprint") }
        guard given == of(workspace, badge: badge) else { throw BadgePageError.stale }
    }
}

/// Refusals of the badge page of its own (the library's errors keep their own texts).
enum BadgePageError: Error, Equatable, Localized {
    /// The claim changed since the page was shown.
    case stale
    /// An undo that is no longer possible (saved since, or already undone).
    case nothingToUndo

    func text(_ lang: Lang) -> String {
        switch self {
        case .stale:
            lang.t("Ce badge a été modifié en dehors de cette page (dans un autre onglet, en ligne de commande ou à la main) : rien n'a été écrit ; voici la version actuelle.",
                   "This badge was changed outside this page (in another tab, on the command line or by hand): nothing was written; here is the current version.")
        case .nothingToUndo:
            lang.t("Plus rien à annuler : la preuve a déjà été remise, ou le dossier a été enregistré depuis. Rien n'a été écrit.",
                   "Nothing to undo any more: the evidence was already put back, or the dossier was saved since. Nothing was written.")
        }
    }

    var status: HTTPResponse.Status {
        switch self {
        case .stale, .nothingToUndo: .conflict
        }
    }
}
