internal import Credentials
import DossierCore
import Foundation

extension Hub {
    /// The issuer keys' folder: hub.yaml's `keysFolder` (relative to the hub folder when not
    /// absolute), else `<hub>/keys`. Never inside `mirrors/`.
    public static func keysFolder(root: String, settings: HubSettings) -> String {
        guard let folder = settings.keysFolder, !folder.isEmpty else { return root + "/keys" }
        return folder.hasPrefix("/") ? folder : root + "/" + folder
    }

    public var keysFolder: String { Self.keysFolder(root: root, settings: settings) }

    /// Makes the issuer keys (`hub keys init`), then issues the credentials of awards made before.
    /// `folder` other than the default is recorded in hub.yaml. Returns how many credentials were issued.
    public static func initializeKeys(root: String, folder: String?, catalogue: Catalogue, day: Day, now: Date = Date()) throws -> (Hub, Int) {
        var settings = try HubSettings.load(settingsPath(root: root))
        if let folder {
            let absolute = folder.hasPrefix("/") ? folder : FileManager.default.currentDirectoryPath + "/" + folder
            try refuseInsideMirrors(absolute, root: root)
            if absolute != root + "/keys" {
                settings.keysFolder = absolute
            }
        }
        let keys = IssuerKeyStore(folder: keysFolder(root: root, settings: settings))
        try keys.initialize(now: now)
        if settings.keysFolder != nil { try settings.save(settingsPath(root: root)) }
        let hub = try Hub.open(at: root, catalogue: catalogue)
        return (hub, try hub.issueBadgeCredentials(day: day, now: now))
    }

    /// New issuer keys (`hub keys rotate`): the old public keys stay published, a rotation
    /// statement signed by the old key names the new ones; the Profile delivered to every CFA
    /// holding a credential is updated.
    public func rotateKeys(day: Day, now: Date = Date()) throws -> Int {
        try IssuerKeyStore(folder: keysFolder).rotate(now: now)
        return try issueBadgeCredentials(day: day, now: now)
    }

    /// The public key records (current and retired).
    public func issuerKeyHistory() throws -> [(kind: String, fragment: String, created: String, retired: String?)] {
        try IssuerKeyStore(folder: keysFolder).load().history.map { ($0.kind.rawValue, $0.fragment, $0.created, $0.retired) }
    }

    static func refuseInsideMirrors(_ folder: String, root: String) throws {
        let standard = URL(fileURLWithPath: folder).standardizedFileURL.path
        let mirrors = URL(fileURLWithPath: root + "/mirrors").standardizedFileURL.path
        if standard == mirrors || standard.hasPrefix(mirrors + "/") || standard.hasSuffix(".git") || standard.contains("/.git/") {
            throw CredentialError.keyFile(path: folder, problem: .unwritable)
        }
    }
}
