import DossierCore
import Foundation
import Git

// Badge proposal tags travel exactly as submission tags do: fetched into a mirror folder
// (`DossierReferences.remoteProposalsPrefix`), adopted as local tags when made on another laptop,
// pushed under their own name when the remote does not have them, never overwritten either way.
extension Syncer {
    /// Proposal tags the remote does not have yet (as of the last fetch).
    public func unpushedProposals() throws -> [String] {
        try repository.referenceNames(matching: ProposalTag.pattern()).compactMap { ProposalTag($0) }.sorted().filter { tag in
            try repository.referenceTarget(tag.reference(mirroredUnder: DossierReferences.remoteProposalsPrefix)) == nil
        }.map(\.name)
    }

    /// Proposal tags made on another laptop become local tags; a remote tag that differs from the
    /// local one of the same name is tampering: reported, and neither side is changed.
    func adoptProposalTags(into report: inout Report) throws {
        for mirror in try repository.referenceNames(matching: ProposalTag.pattern(under: DossierReferences.remoteProposalsPrefix)) {
            guard let tag = ProposalTag(mirror, mirroredUnder: DossierReferences.remoteProposalsPrefix),
                  let remoteID = try repository.referenceTarget(mirror) else { continue }
            if let localID = try repository.referenceTarget(tag.reference) {
                if localID != remoteID, !report.tampered.contains(tag.name) { report.tampered.append(tag.name) }
            } else {
                try repository.setReference(tag.reference, to: remoteID, message: "dossier: proposal received")
                report.receivedProposals.append(tag.name)
            }
        }
    }

    /// After a push: each proposal tag the remote took is mirrored as sent; one it refused (it has
    /// another tag of that name) is tampering.
    func recordPushedProposals(_ names: [String], rejected: [String: String], report: inout Report) throws {
        for tag in names.compactMap(ProposalTag.init) {
            if rejected[tag.reference] != nil {
                report.tampered.append(tag.name)
            } else if let id = try repository.referenceTarget(tag.reference) {
                try repository.setReference(tag.reference(mirroredUnder: DossierReferences.remoteProposalsPrefix), to: id,
                                            message: "dossier: pushed")
                report.sentProposals.append(tag.name)
            }
        }
    }
}
