import DossierCore
import DossierRepository
import Foundation
import Git
import Sync
import WebLayer

extension UIApp {
    /// The catalogue in force for this dossier: the newest version the Région sent it (read again
    /// when `.git/dossier/catalogue.json` changes: a sync may bring one), else the settings' one.
    var catalogue: Catalogue {
        guard settings.followsReceivedCatalogues else { return settings.catalogue }
        let record = ReceivedCatalogues.path(gitDirectory: settings.folder + "/.git")
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: record) else { return settings.catalogue }
        let key = "\((attributes[.size] as? NSNumber)?.int64Value ?? -1):\((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
        return receivedCatalogue.value(for: key) {
            guard let repository = try? Repository.open(at: settings.folder) else { return nil }
            return try? ReceivedCatalogues.newest(repository: repository)
        } ?? settings.catalogue
    }

    /// Whether the folder holds a dossier (else the first steps).
    var isDossier: Bool {
        FileManager.default.fileExists(atPath: settings.folder + "/.git") && FileManager.default.fileExists(atPath: settings.folder + "/dossier.yaml")
    }

    /// The dossier, opened as each command of the command line opens it: what a killed command left
    /// is repaired first when no other command is working.
    func workspace(repair: Bool = true) throws -> Workspace {
        guard isDossier else { throw UIError.noDossier }
        let workspace = try Workspace.open(at: settings.folder, catalogue: catalogue)
        if repair { _ = try workspace.repairIfIdle() }
        return workspace
    }

    /// A fingerprint of what the pages show, cheap enough for every page: the last save, the
    /// identity file, every claim file and the open-merge marker (size and modification time). A
    /// page compares it on focus (`/state`) to notice edits made outside it — by hand, by the
    /// command line, by another tab.
    func stateFingerprint() -> String {
        guard isDossier else { return "none" }
        let fileManager = FileManager.default
        var parts: [String] = []
        if let head = try? String(contentsOfFile: settings.folder + "/.git/HEAD", encoding: .utf8) { parts.append(head) }
        let watched = [settings.folder + "/dossier.yaml", settings.folder + "/.git/dossier/merge.json", settings.folder + "/.git/index",
                       ReceivedCatalogues.path(gitDirectory: settings.folder + "/.git")]
            + catalogue.badges.map { settings.folder + "/" + Claim.path(badge: $0.id) }
        for path in watched {
            guard let attributes = try? fileManager.attributesOfItem(atPath: path) else { parts.append("-"); continue }
            let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            parts.append("\(size):\(modified)")
        }
        if let main = try? String(contentsOfFile: settings.folder + "/.git/refs/heads/main", encoding: .utf8) { parts.append(main) }
        return Tokens.hash(parts.joined(separator: "|"))
    }

    /// The CFA's name as the dossier gives it.
    func cfaName() throws -> String? {
        guard isDossier else { return nil }
        return try DossierReader(source: FileSystemSource(root: settings.folder), catalogue: catalogue).identity().name
    }

    /// A syncer for the reader's language (reading local state needs no network).
    func syncer(_ workspace: Workspace, lang: Lang) -> Syncer {
        Syncer(workspace: workspace, options: Syncer.Options(remote: settings.remote(lang), lang: lang))
    }
}

/// The received catalogue last read, with the state of the record it was read from.
final class ReceivedCatalogueCache: @unchecked Sendable {
    private let lock = NSLock()
    private var key: String?
    private var catalogue: Catalogue?

    func value(for key: String, load: () -> Catalogue?) -> Catalogue? {
        lock.withLock {
            if self.key == key { return catalogue }
            catalogue = load()
            self.key = key
            return catalogue
        }
    }
}
