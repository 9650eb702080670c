import DossierCore
import Foundation
import Git

/// `.lfsconfig` at the top of a dossier: where its media server is (`lfs.url`, git config syntax),
/// as git-lfs reads it. Read from the working folder or from a save, here only.
public enum LFSConfig {
    public static let fileName = ".lfsconfig"

    /// The text of `.lfsconfig` in the working folder `root`, nil when there is none.
    public static func text(root: String) -> String? {
        (try? Data(contentsOf: URL(fileURLWithPath: root + "/" + fileName))).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The text of `.lfsconfig` in the save `commit`, nil when it has none.
    public static func text(in repository: Repository, commit: ObjectID) throws -> String? {
        guard let entry = try repository.commit(commit).tree().entry(named: fileName) else { return nil }
        return String(decoding: try repository.blobData(entry.id), as: UTF8.self)
    }
}
