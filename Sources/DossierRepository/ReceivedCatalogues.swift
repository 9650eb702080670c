import DossierCore
import Foundation
import Git
internal import Credentials

/// The catalogue versions this laptop received from the Région (`refs/dossier/catalogue`, written by
/// the hub, fetched by sync into `refs/dossier/incoming/catalogue`, never pushed).
///
/// Trust: what a command uses is never the ref itself (anyone with the repository can move it) but
/// the commit a sync accepted, recorded with the SHA-256 of each version's file in
/// `.git/dossier/catalogue.json`; each file is checked against its hash when read. A delivery is
/// accepted only when every file loads with the catalogue's own loader, says the version its name
/// says, and changes none of the versions received before (a published version never changes); a
/// version no longer delivered is dropped (the hub overwrote a ref someone else wrote). Once this
/// laptop holds the Région's issuer keys (`IssuerKeyPin`, pinned by the sync that delivered them,
/// before the catalogue is checked), every version must also carry a valid signature by one of them
/// (`CatalogueSignature`, `versions/<version>.jws`); before that, the ref has the same trust as the
/// decisions ref that delivers the keys.
public enum ReceivedCatalogues {
    public static let fileName = "catalogue.json"

    struct Record: Codable, Equatable {
        var commit: String
        /// version → SHA-256 of its file.
        var versions: [String: String]
    }

    /// What a sync did with the catalogue ref it fetched.
    public enum Outcome: Equatable, Sendable, Encodable {
        /// The remote has no catalogue ref (nothing published yet).
        case none
        case unchanged
        /// New versions accepted (possibly none, when versions were only dropped).
        case received([String])
        case refused(Refusal)

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .none: try container.encode("none")
            case .unchanged: try container.encode("unchanged")
            case .received(let versions): try container.encode(["received": versions])
            case .refused(let refusal): try container.encode(["refused": refusal.rawValue])
            }
        }
    }

    public enum Refusal: String, Equatable, Sendable {
        /// A file does not load as a catalogue, or says another version than its name.
        case malformed
        /// A version received before has other content.
        case versionChanged
        /// `.git/dossier/catalogue.json` cannot be read or written.
        case recordUnusable
        /// This laptop holds the Région's keys and a version is not signed by one of them.
        case unsigned

        public func text(_ lang: Lang) -> String {
            switch self {
            case .malformed:
                lang.pick(fr: "catalogue reçu refusé : un fichier n'est pas un catalogue valide", en: "received catalogue refused: a file is not a valid catalogue")
            case .versionChanged:
                lang.pick(fr: "catalogue reçu refusé : une version déjà reçue a été modifiée (une version publiée ne change jamais)",
                          en: "received catalogue refused: a version received before was changed (a published version never changes)")
            case .recordUnusable:
                lang.pick(fr: "catalogue reçu refusé : .git/dossier/catalogue.json est illisible", en: "received catalogue refused: .git/dossier/catalogue.json cannot be read")
            case .unsigned:
                lang.pick(fr: "catalogue reçu refusé : une version n'est pas signée par la clé de la Région",
                          en: "received catalogue refused: a version is not signed by the Région's key")
            }
        }
    }

    public static func path(gitDirectory: String) -> String {
        (gitDirectory.hasSuffix("/") ? gitDirectory : gitDirectory + "/") + "dossier/" + fileName
    }

    static func loadRecord(gitDirectory: String) throws -> Record? {
        let path = path(gitDirectory: gitDirectory)
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) { throw CatalogueError.receivedUnusable(path) }
            return nil
        }
        guard let record = try? JSONDecoder().decode(Record.self, from: data) else { throw CatalogueError.receivedUnusable(path) }
        return record
    }

    /// The signatures of a catalogue commit (`versions/<version>.jws`), by version.
    static func signatures(of commit: ObjectID, in repository: Repository) throws -> [CatalogueVersion: String] {
        let tree = try repository.commit(commit).tree()
        guard let folder = tree.entries.first(where: { $0.name == CataloguePaths.folder && $0.kind == .tree }) else { return [:] }
        var signatures: [CatalogueVersion: String] = [:]
        for entry in try repository.tree(folder.id).entries where entry.kind == .blob && entry.name.hasSuffix(".jws") {
            guard let version = CatalogueVersion(String(entry.name.dropLast(".jws".count))),
                  CataloguePaths.signaturePath(version: version) == CataloguePaths.folder + "/" + entry.name else { continue }
            signatures[version] = String(decoding: try repository.blobData(entry.id), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return signatures
    }

    /// Whether every version file is signed by a key this laptop pinned (true when none is pinned yet).
    static func signedByPinnedKeys(_ files: [CatalogueVersion: [UInt8]], commit: ObjectID, repository: Repository) throws -> Bool {
        guard let pin = try IssuerKeyPin.load(gitDirectory: repository.gitDirectory) else { return true }
        let keys = try pin.trustedKeys()
        let signatures = try signatures(of: commit, in: repository)
        return files.allSatisfy { version, bytes in
            signatures[version].map { CatalogueSignature.isValid($0, version: version.description, file: bytes, keys: keys) } ?? false
        }
    }

    /// The version files of a catalogue commit, by version.
    static func files(of commit: ObjectID, in repository: Repository) throws -> [CatalogueVersion: [UInt8]] {
        let tree = try repository.commit(commit).tree()
        guard let folder = tree.entries.first(where: { $0.name == CataloguePaths.folder && $0.kind == .tree }) else { return [:] }
        var files: [CatalogueVersion: [UInt8]] = [:]
        for entry in try repository.tree(folder.id).entries {
            guard entry.kind == .blob, let version = CataloguePaths.version(path: CataloguePaths.folder + "/" + entry.name) else { continue }
            files[version] = try repository.blobData(entry.id)
        }
        return files
    }

    /// Checks the fetched catalogue ref and, when it is acceptable, records it and moves
    /// `refs/dossier/catalogue` to it. Never throws: a problem is a refusal, the rest of the sync goes on.
    public static func accept(repository: Repository) -> Outcome {
        let gitDirectory = repository.gitDirectory
        guard let incoming = try? repository.referenceTarget(DossierReferences.incomingCatalogue) else { return .none }
        let record: Record?
        do { record = try loadRecord(gitDirectory: gitDirectory) } catch { return .refused(.recordUnusable) }
        if record?.commit == incoming.hex { return .unchanged }
        var hashes: [String: String] = [:]
        let delivered: [CatalogueVersion: [UInt8]]
        do { delivered = try files(of: incoming, in: repository) } catch { return .refused(.malformed) }
        do {
            guard try signedByPinnedKeys(delivered, commit: incoming, repository: repository) else { return .refused(.unsigned) }
        } catch {
            return .refused(.recordUnusable)
        }
        do {
            for (version, bytes) in delivered {
                let catalogue = try Catalogue.load(bytes, file: DossierReferences.catalogue + ":" + CataloguePaths.path(version: version))
                guard CatalogueVersion(catalogue.version) == version else { return .refused(.malformed) }
                hashes[version.description] = Digest.sha256(bytes)
            }
        } catch {
            return .refused(.malformed)
        }
        guard !hashes.isEmpty else { return .refused(.malformed) }
        for (version, hash) in record?.versions ?? [:] where hashes[version].map({ $0 != hash }) ?? false {
            return .refused(.versionChanged)
        }
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try AtomicFile.write(try encoder.encode(Record(commit: incoming.hex, versions: hashes)), to: path(gitDirectory: gitDirectory))
            try repository.setReference(DossierReferences.catalogue, to: incoming, message: "dossier: catalogue received")
        } catch {
            return .refused(.recordUnusable)
        }
        let known = Set((record?.versions ?? [:]).keys)
        return .received(hashes.keys.filter { !known.contains($0) }.compactMap { CatalogueVersion($0) }.sorted().map(\.description))
    }

    /// Every version received, oldest first, each checked against its recorded hash.
    public static func all(repository: Repository) throws -> [Catalogue] {
        let path = path(gitDirectory: repository.gitDirectory)
        guard let record = try loadRecord(gitDirectory: repository.gitDirectory) else { return [] }
        guard let commit = ObjectID(hex: record.commit), let files = try? files(of: commit, in: repository) else {
            throw CatalogueError.receivedUnusable(path)
        }
        var catalogues: [Catalogue] = []
        for (text, hash) in record.versions {
            guard let version = CatalogueVersion(text), let bytes = files[version], Digest.sha256(bytes) == hash,
                  let catalogue = try? Catalogue.load(bytes, file: CataloguePaths.path(version: version)) else {
                throw CatalogueError.receivedUnusable(path)
            }
            catalogues.append(catalogue)
        }
        return catalogues.sorted { (CatalogueVersion($0.version) ?? CatalogueVersion("0")!) < (CatalogueVersion($1.version) ?? CatalogueVersion("0")!) }
    }

    /// The newest version received; nil when none was.
    public static func newest(repository: Repository) throws -> Catalogue? {
        try all(repository: repository).last
    }
}
