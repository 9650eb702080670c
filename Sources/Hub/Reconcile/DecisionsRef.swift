import DossierCore
import Foundation
internal import Git

/// The decisions ref in a CFA's mirror (`refs/dossier/decisions`), built from the decisions the
/// review room gives, then pushed to the CFA by reconcile.
enum DecisionsRef {
    /// Writes the decisions of a CFA on `refs/dossier/decisions` in its mirror, with the credential
    /// files (`CredentialPaths`: credentials, issuer Profile, status list, rotation statements): a new
    /// commit only when the set of files changed. Returns the ref's commit (nil: nothing yet).
    static func write(_ decisions: [Decision], credentialFiles: [String: String] = [:], proposals: [ProposalDecision] = [],
                      in mirror: Repository, author name: String, now: Date) throws -> ObjectID? {
        let current = try mirror.referenceTarget(Decision.reference)
        guard !decisions.isEmpty || !credentialFiles.isEmpty || !proposals.isEmpty || current != nil else { return nil }
        var files: [String: ObjectID] = [:]
        files["README.md"] = try mirror.writeBlob(Array(Self.readme.utf8))
        for decision in decisions {
            files[decision.path] = try mirror.writeBlob(Array(try decision.yaml().utf8))
        }
        // Badge proposals' decisions, two levels deep (`proposals/<slug>/<day>-<n>.yaml`).
        for decision in proposals {
            files[decision.path] = try mirror.writeBlob(Array(try decision.yaml().utf8))
        }
        for (path, content) in credentialFiles {
            files[path] = try mirror.writeBlob(Array(content.utf8))
        }
        let tree = try mirror.tree(files: files)
        let parent = try current.map { try mirror.commit($0) }
        if let parent, parent.treeID == tree { return parent.id }
        var summary = decisions.map { "\($0.badge): \($0.outcome.rawValue)" }.joined(separator: ", ")
        if !credentialFiles.isEmpty { summary += summary.isEmpty ? "credentials" : "; credentials" }
        if !proposals.isEmpty {
            let words = proposals.map { "\($0.slug): \($0.outcome.rawValue)" }.joined(separator: ", ")
            summary += summary.isEmpty ? "proposals \(words)" : "; proposals \(words)"
        }
        let author = Signature(name: name, email: "hub@dossier.invalid", date: now, timeZoneOffset: 0)
        return try mirror.commit(tree: tree, parents: parent.map { [$0] } ?? [],
                                 message: "Décisions / decisions: \(summary)\n", author: author, updating: Decision.reference)
    }

    static let readme = """
        # Décisions de la Région / the Région's decisions

        Écrit par le hub de la Région uniquement ; `dossier sync` le reçoit, ne l'envoie jamais.
        Written by the Région's hub only; `dossier sync` fetches it and never pushes it.
        One file per decided request: `<badge>/<request>.yaml`.
        Open Badges 3.0 credentials: `credentials/<badge>.json|.jwt` (the label: `credentials/label.*`);
        the issuer's public keys, revocation list and key rotations: `issuer/`.
        Badge proposals: `proposals/<slug>/<proposal>.yaml`.

        """
}
