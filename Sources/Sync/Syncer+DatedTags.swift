import DossierCore
import Git

// Requests (`SubmissionTag`) and badge proposals (`ProposalTag`) travel the same way: fetched into
// a mirror folder of the remote's tags, adopted as local tags when made on another laptop, pushed
// under their own name when the remote does not have them, never overwritten either way (a tag
// that differs on the two sides is reported as tampering).
extension Syncer {
    /// This kind's local tags the remote does not have (as of the last fetch), in reference order.
    func unpushedTags<Tag: DatedTag>(_: Tag.Type, mirroredUnder prefix: String) throws -> [Tag] {
        try repository.referenceNames(matching: Tag.pattern()).compactMap { Tag($0) }.filter { tag in
            try repository.referenceTarget(tag.reference(mirroredUnder: prefix)) == nil
        }
    }

    /// Makes local tags of the remote's tags of this kind made on another laptop; a remote tag that
    /// differs from the local one of the same name joins `tampered`, and neither side changes.
    /// Returns the names adopted.
    func adoptTags<Tag: DatedTag>(_: Tag.Type, mirroredUnder prefix: String, message: String,
                                  tampered: inout [String]) throws -> [String] {
        var adopted: [String] = []
        for mirror in try repository.referenceNames(matching: Tag.pattern(under: prefix)) {
            // A name that is not a tag of this kind is not ours to adopt.
            guard let tag = Tag(mirror, mirroredUnder: prefix), let remoteID = try repository.referenceTarget(mirror) else { continue }
            if let localID = try repository.referenceTarget(tag.reference) {
                if localID != remoteID, !tampered.contains(tag.name) { tampered.append(tag.name) }
            } else {
                try repository.setReference(tag.reference, to: remoteID, message: message)
                adopted.append(tag.name)
            }
        }
        return adopted
    }

    /// After a push: each tag of `names` the remote took is mirrored as sent; one it refused (it has
    /// another tag of that name) joins `tampered`. Returns the names sent.
    func recordPushedTags<Tag: DatedTag>(_ names: [String], _: Tag.Type, mirroredUnder prefix: String, rejected: [String: String],
                                         tampered: inout [String]) throws -> [String] {
        var sent: [String] = []
        for tag in names.compactMap({ Tag($0) }) {
            if rejected[tag.reference] != nil {
                tampered.append(tag.name)
            } else if let id = try repository.referenceTarget(tag.reference) {
                try repository.setReference(tag.reference(mirroredUnder: prefix), to: id, message: "dossier: pushed")
                sent.append(tag.name)
            }
        }
        return sent
    }
}
