import DossierCore
import Foundation

extension Hub {
    /// Accepts the current submission of a CFA's badge proposal (`Review.acceptProposal`): the
    /// badge goes into the next catalogue version's draft (made from the newest published version
    /// when there is none) — the proposal's own entry (`Proposal.catalogueEntry`), or `entry`, an
    /// edited one (the `badges:` fields as YAML, from `file`). Refused, with the draft unchanged,
    /// when the id is already in the catalogue or the draft; the next `hub catalogue publish` puts
    /// it into a version.
    @discardableResult
    public func acceptProposal(uai: String, slug: String, member: String, reason: String, entry: [UInt8]? = nil,
                               file: String? = nil, now: Date = Date()) throws -> ProposalSubmission {
        let catalogues = try self.catalogues
        let draftPath = catalogues.draftPath
        let before = FileManager.default.contents(atPath: draftPath)
        do {
            return try acceptProposal(uai: uai, slug: slug, member: member, reason: reason, now: now) { proposal in
                let bytes: [UInt8]
                if let entry {
                    bytes = entry
                } else {
                    do {
                        bytes = try Proposal.parse(proposal.bytes, file: ProposalTag.file(slug: proposal.slug), catalogue: catalogue).catalogueEntry()
                    } catch let error as DossierError {
                        if case .proposal(.existingBadge(let id, _)) = error.reason { throw ProposalError.badgeExists(id) }
                        throw error
                    }
                }
                do {
                    return try catalogues.addBadge(bytes, file: file ?? ProposalTag.file(slug: proposal.slug))
                } catch let error as DossierError {
                    if case .catalogue(let text) = error.reason, text.hasPrefix("duplicate badge id ") {
                        throw ProposalError.badgeExists(String(text.dropFirst("duplicate badge id ".count)))
                    }
                    throw error
                }
            }
        } catch {
            // Nothing changed: the draft as it was (or none).
            if let before {
                try? AtomicFile.write(before, to: draftPath)
            } else {
                try? FileManager.default.removeItem(atPath: draftPath)
            }
            throw error
        }
    }
}
