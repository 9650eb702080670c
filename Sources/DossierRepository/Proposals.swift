import DossierCore
import Foundation
import Git

/// The CFA's badge proposals, `proposals/<slug>.yaml` in its dossier: a new one from the template,
/// checks against the catalogue's schema (file:line), and each one's state — draft, checked,
/// submitted (sent or not yet), the Région's decision (`Proposals+Status.swift`).
public struct Proposals {
    public let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    var repository: Repository { workspace.repository }

    /// `dossier propose new`: writes the template of proposal `slug` with the CFA's `title`.
    /// Refused — nothing written — for an id that is not a badge id, that the catalogue in use
    /// already has, or whose file exists. Returns the file's path in the dossier.
    @discardableResult
    public func create(slug: String, title: String) throws -> String {
        guard Evidence.isValidID(slug) else { throw ProposeError.invalidSlug(slug) }
        guard title.contains(where: { !$0.isWhitespace }) else { throw ProposeError.emptyTitle }
        if workspace.catalogue.badge(slug) != nil {
            throw ProposeError.badgeExists(id: slug, catalogue: workspace.catalogue.version)
        }
        let path = ProposalTag.file(slug: slug)
        if try workspace.workingSource.kind(of: path) != nil { throw ProposeError.exists(path) }
        try AtomicFile.write(Self.template(slug: slug, title: title), to: workspace.workingSource.absolute(path))
        return path
    }

    /// The proposals in the working folder, by slug (files `proposals/<slug>.yaml`).
    public func slugs() throws -> [String] {
        try Self.slugs(in: workspace.workingSource)
    }

    static func slugs(in source: DossierSource) throws -> [String] {
        try source.list(Proposal.folder).filter { $0.kind == .file && $0.isUTF8 }
            .compactMap { Proposal.slug(ofFile: Proposal.folder + "/" + $0.name) }.sorted()
    }

    /// `dossier propose check SLUG`: the working file of proposal `slug`, parsed against the
    /// catalogue in use, its examples present in the working folder.
    public func check(_ slug: String) throws -> Proposal {
        guard Evidence.isValidID(slug) else { throw ProposeError.invalidSlug(slug) }
        guard let proposal = try Self.read(slug, in: workspace.workingSource, catalogue: workspace.catalogue) else {
            throw ProposeError.noProposal(slug)
        }
        return proposal
    }

    /// Proposal `slug` as `source` holds it (nil: no such file), checked: the file parses against
    /// `catalogue`, and every example is a file of the same source (at `file:line` of the example).
    public static func read(_ slug: String, in source: DossierSource, catalogue: Catalogue) throws -> Proposal? {
        let path = ProposalTag.file(slug: slug)
        guard let bytes = try source.read(path) else { return nil }
        let proposal = try Proposal.parse(bytes, file: path, catalogue: catalogue)
        for (example, line) in zip(proposal.examples, proposal.exampleLines) where try source.kind(of: example) != .file {
            throw DossierError(.fileNotFound(example), file: path, line: line)
        }
        return proposal
    }

    /// Every proposal tag of this dossier (made here or received from another laptop), oldest first.
    public func tags() throws -> [ProposalTag] {
        try repository.referenceNames(matching: ProposalTag.pattern()).compactMap { ProposalTag($0) }.sorted()
    }

    /// Proposal tags the remote does not have yet (as of the last fetch or push).
    public func unsent() throws -> [ProposalTag] {
        try tags().filter { try !isSent($0) }
    }

    /// Whether the remote had `tag` at the last sync.
    public func isSent(_ tag: ProposalTag) throws -> Bool {
        try repository.referenceTarget(tag.reference(mirroredUnder: DossierReferences.remoteProposalsPrefix)) != nil
    }

    /// The Région's decisions on this dossier's proposals, from `refs/dossier/decisions`
    /// (`proposals/<slug>/<day>-<n>.yaml`), in the order of the proposal tags they answer.
    public func decisions() throws -> [ProposalDecision] {
        guard let id = try repository.referenceTarget(DossierReferences.decisions),
              let folder = try repository.commit(id).tree().entry(named: ProposalDecision.folder), folder.kind == .tree else { return [] }
        var decisions: [ProposalDecision] = []
        for slug in try repository.tree(folder.id).entries where slug.kind == .tree {
            for file in try repository.tree(slug.id).entries where file.kind == .blob && file.name.hasSuffix(".yaml") {
                let path = "\(ProposalDecision.folder)/\(slug.name)/\(file.name)"
                decisions.append(try ProposalDecision.parse(try repository.blobData(file.id), file: path))
            }
        }
        return decisions.sorted { a, b in
            switch (ProposalTag(a.proposal), ProposalTag(b.proposal)) {
            case (let x?, let y?): x < y
            default: a.proposal < b.proposal
            }
        }
    }
}
