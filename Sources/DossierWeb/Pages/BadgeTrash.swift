import DossierCore
import DossierRepository
import Foundation
import WebLayer

/// Evidence removed on a badge page, kept until the next save so that « Annuler » can put it back:
/// `.git/dossier/trash/<token>/entry.json`, and the file (a hard link taken before `remove` deleted
/// it, so nothing is copied). An entry belongs to the save it was made after: once the dossier is
/// saved again (from the page or the command line) it is no longer offered, and it is deleted.
struct BadgeTrash {
    /// What was removed, and where it stood in the claim.
    struct Entry: Codable, Equatable {
        var token: String
        var badge: String
        var id: String
        var title: String
        var criterion: String
        var file: String?
        var sha256: String?
        var size: Int?
        var url: String?
        var kind: String?
        var position: Int
        /// The last save when it was removed (nil before the first one).
        var head: String?

        var evidence: Evidence {
            let location: Evidence.Location = if let url { .url(url, kind: kind.flatMap(Evidence.Kind.init(rawValue:)) ?? .web) }
                else { .file(path: file ?? "", sha256: sha256, size: size) }
            return Evidence(id: id, title: title, criterion: criterion, location: location)
        }
    }

    let folder: String
    let head: String?

    init(_ workspace: Workspace) throws {
        folder = workspace.repository.gitDirectory + "dossier/trash"
        head = try workspace.head()?.id.hex
    }

    /// Keeps `evidence` (at `position` in the claim of `badge`) and, when `path` names its file,
    /// a link to that file. Returns the entry's token.
    func keep(badge: String, evidence: Evidence, position: Int, path: String?) throws -> String {
        let token = String(Tokens.random().filter { $0.isLetter || $0.isNumber }.prefix(20))
        let entryFolder = folder + "/" + token
        try FileManager.default.createDirectory(atPath: entryFolder, withIntermediateDirectories: true)
        var entry = Entry(token: token, badge: badge, id: evidence.id, title: evidence.title, criterion: evidence.criterion, position: position, head: head)
        switch evidence.location {
        case .file(let file, let sha256, let size):
            (entry.file, entry.sha256, entry.size) = (file, sha256, size)
            if let path, FileManager.default.fileExists(atPath: path) {
                if link(path, entryFolder + "/file") != 0 {
                    do { _ = try Digest.copy(from: path, to: entryFolder + "/file") } catch {
                        try? FileManager.default.removeItem(atPath: entryFolder)
                        throw error
                    }
                }
            }
        case .url(let url, let kind):
            (entry.url, entry.kind) = (url, kind.rawValue)
        }
        do {
            try AtomicFile.write(try JSONEncoder().encode(entry), to: entryFolder + "/entry.json")
        } catch {
            try? FileManager.default.removeItem(atPath: entryFolder)
            throw error
        }
        return token
    }

    /// The entries of `badge` that can still be undone (made since the last save), newest last;
    /// entries older than the last save are deleted on the way.
    func entries(badge: String) -> [Entry] {
        guard let tokens = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var found: [(Date, Entry)] = []
        for token in tokens {
            let path = folder + "/" + token + "/entry.json"
            guard let data = FileManager.default.contents(atPath: path), let entry = try? JSONDecoder().decode(Entry.self, from: data),
                  entry.token == token else {
                // A folder left by a removal that did not finish, or damaged: nothing to offer.
                let modified = (try? FileManager.default.attributesOfItem(atPath: folder + "/" + token)[.modificationDate] as? Date) ?? nil
                if let modified, modified < Date().addingTimeInterval(-60) { discard(token) }
                continue
            }
            guard entry.head == head else { discard(token); continue }
            guard entry.badge == badge else { continue }
            let date = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? nil
            found.append((date ?? .distantPast, entry))
        }
        return found.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// The entry `token` of `badge`, if it can still be undone.
    func entry(_ token: String, badge: String) -> Entry? {
        guard token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }), !token.isEmpty else { return nil }
        return entries(badge: badge).first { $0.token == token }
    }

    /// The kept file of `token`, if there is one.
    func file(_ token: String) -> String? {
        let path = folder + "/" + token + "/file"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    func discard(_ token: String) { try? FileManager.default.removeItem(atPath: folder + "/" + token) }
}
