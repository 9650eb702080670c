import DossierCore
import DossierRepository
import Foundation
import Hummingbird
import WebLayer

/// `POST /badge/:id/upload`: files from the file input or dropped on it, streamed to temporary files
/// under `.git/dossier/uploads/` (never in the dossier's folders), then recorded as `dossier add`
/// records them — moved into the badge's evidence folder, not copied a second time.
extension UIApp {
    func addUploadRoute(to router: Router<UIContext>) {
        router.post("/badge/:id/upload") { [self] request, context -> Response in
            let id = context.parameters.get("id") ?? ""
            do {
                guard let badge = catalogue.badge(id) else { throw DossierError(.unknownBadge(id)) }
                let workspace = try workspace()
                let receiver = UploadReceiver(parent: workspace.repository.gitDirectory + "dossier/uploads", csrf: session.csrfToken,
                                              maxFileBytes: settings.maxUploadBytes)
                // Before the first byte of a file is written: the token, the page's fingerprint, the criterion.
                let received = try await receiver.receive(request) { fields in
                    try BadgeFingerprint.check(fields["fingerprint"], workspace, badge: badge.id)
                    guard let criterion = fields["criterion"], !criterion.isEmpty else { throw WebError.badForm("criterion") }
                    guard badge.criterion(criterion) != nil else { throw DossierError(.unknownCriterion(badge: badge.id, criterion: criterion)) }
                }
                defer { received.discard() }
                guard !received.files.isEmpty else { throw UploadError.noFile }
                guard let criterion = received.fields["criterion"] else { throw WebError.badForm("criterion") }
                let title = received.fields["title"]?.trimmingCharacters(in: .whitespacesAndNewlines)
                let added = try badgeEdits.run {
                    try BadgeFingerprint.check(received.fields["fingerprint"], workspace, badge: badge.id)
                    return try workspace.editor.adopt(badge: badge.id, files: received.files, criterion: criterion,
                                                      title: title?.isEmpty == false ? title : nil)
                }
                return WebResponse.redirect("/badge/" + WebPath.segment(badge.id) + "?done=added&n=\(added.count)")
            } catch {
                return try badgeFailure(error, request, context, id: id)
            }
        }
    }
}
