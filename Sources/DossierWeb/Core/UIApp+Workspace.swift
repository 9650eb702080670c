import DossierCore
import DossierRepository
import Foundation
import Sync
import WebLayer

extension UIApp {
    /// Whether the folder holds a dossier (else the first steps).
    var isDossier: Bool {
        FileManager.default.fileExists(atPath: settings.folder + "/.git") && FileManager.default.fileExists(atPath: settings.folder + "/dossier.yaml")
    }

    /// The dossier, opened as each command of the command line opens it: what a killed command left
    /// is repaired first when no other command is working.
    func workspace(repair: Bool = true) throws -> Workspace {
        guard isDossier else { throw UIError.noDossier }
        let workspace = try Workspace.open(at: settings.folder, catalogue: settings.catalogue)
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
        let watched = [settings.folder + "/dossier.yaml", settings.folder + "/.git/dossier/merge.json", settings.folder + "/.git/index"]
            + settings.catalogue.badges.map { settings.folder + "/" + Claim.path(badge: $0.id) }
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
        return try DossierReader(source: FileSystemSource(root: settings.folder), catalogue: settings.catalogue).identity().name
    }

    /// A syncer for the reader's language (reading local state needs no network).
    func syncer(_ workspace: Workspace, lang: Lang) -> Syncer {
        Syncer(workspace: workspace, options: Syncer.Options(remote: settings.remote(lang), lang: lang))
    }
}
