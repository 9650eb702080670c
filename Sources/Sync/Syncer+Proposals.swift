import DossierCore
import Foundation
import Git

// Badge proposal tags travel exactly as submission tags do (Syncer+DatedTags.swift).
extension Syncer {
    /// Proposal tags the remote does not have yet (as of the last fetch), in the order they were made.
    public func unpushedProposals() throws -> [String] {
        try unpushedTags(ProposalTag.self, mirroredUnder: DossierReferences.remoteProposalsPrefix).sorted().map(\.name)
    }

    /// Proposal tags made on another laptop become local tags.
    func adoptProposalTags(into report: inout Report) throws {
        var tampered = report.tampered
        let adopted = try adoptTags(ProposalTag.self, mirroredUnder: DossierReferences.remoteProposalsPrefix,
                                    message: "dossier: proposal received", tampered: &tampered)
        report.tampered = tampered
        report.receivedProposals += adopted
    }
}
