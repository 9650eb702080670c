import DossierCore
import DossierRepository
import Foundation
import Hummingbird
import WebLayer

/// The forms of one evidence on the badge page: retitle, move to another criterion, remove (kept in
/// the trash until the next save), and the undo of a removal.
extension UIApp {
    func addEvidenceActions(to router: Router<UIContext>) {
        router.post("/badge/:id/evidence/:evidence/retitle") { [self] request, context -> Response in
            try await badgeAction(request, context) { badge, workspace, form in
                let evidence = context.parameters.get("evidence") ?? ""
                let title = try form.required("title")
                try badgeEdits.run {
                    try BadgeFingerprint.check(form["fingerprint"], workspace, badge: badge.id)
                    try workspace.editor.retitle(badge: badge.id, evidence: evidence, title: title)
                }
                return "retitled"
            }
        }
        router.post("/badge/:id/evidence/:evidence/move") { [self] request, context -> Response in
            try await badgeAction(request, context) { badge, workspace, form in
                let evidence = context.parameters.get("evidence") ?? ""
                let criterion = try form.required("criterion")
                try badgeEdits.run {
                    try BadgeFingerprint.check(form["fingerprint"], workspace, badge: badge.id)
                    try workspace.editor.move(badge: badge.id, evidence: evidence, criterion: criterion)
                }
                return "moved"
            }
        }
        router.post("/badge/:id/evidence/:evidence/remove") { [self] request, context -> Response in
            try await badgeAction(request, context) { badge, workspace, form in
                let id = context.parameters.get("evidence") ?? ""
                try badgeEdits.run {
                    try BadgeFingerprint.check(form["fingerprint"], workspace, badge: badge.id)
                    let claim = try workspace.editor.claim(badge)
                    guard let position = claim.evidence.firstIndex(where: { $0.id == id }) else {
                        throw DossierError(.unknownEvidence(badge: badge.id, evidence: id))
                    }
                    let evidence = claim.evidence[position]
                    // The file is kept only when this entry is its last user (else `remove` leaves it).
                    let path = evidence.filePath.flatMap { file in
                        claim.evidence.contains { $0.id != id && $0.filePath == file } ? nil
                            : workspace.root + "/" + Claim.evidenceFolder(badge: badge.id) + "/" + file
                    }
                    let trash = try BadgeTrash(workspace)
                    let token = try trash.keep(badge: badge.id, evidence: evidence, position: position, path: path)
                    do {
                        try workspace.editor.remove(badge: badge.id, evidence: id)
                    } catch {
                        trash.discard(token)
                        throw error
                    }
                }
                return "removed"
            }
        }
        router.post("/badge/:id/undo") { [self] request, context -> Response in
            try await badgeAction(request, context) { badge, workspace, form in
                let token = try form.required("token")
                try badgeEdits.run {
                    try BadgeFingerprint.check(form["fingerprint"], workspace, badge: badge.id)
                    let trash = try BadgeTrash(workspace)
                    guard let entry = trash.entry(token, badge: badge.id) else { throw BadgePageError.nothingToUndo }
                    try workspace.editor.restore(badge: badge.id, evidence: entry.evidence, file: trash.file(token), position: entry.position)
                    trash.discard(token)
                }
                return "restored"
            }
        }
    }
}
