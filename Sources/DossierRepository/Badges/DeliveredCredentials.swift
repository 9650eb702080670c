internal import Credentials
import DossierCore
import Foundation
import Git
public import LinkedData

/// The signed credentials and the issuer's public documents the Région delivers with its decisions
/// (`refs/dossier/decisions`, paths in `CredentialPaths`), read straight from git objects: nothing
/// here is trusted yet (`IssuerKeyPin` and `CFABadges` decide what is).
public struct DeliveredCredentials: Sendable {
    /// One badge's credential files (the label's under `CredentialPaths.label`).
    public struct Files: Sendable {
        public let badge: String
        /// `credentials/<badge>.json`: the credential with its embedded proof.
        public var json: [UInt8]?
        /// `credentials/<badge>.jwt`: the same credential as a VC-JWT.
        public var jwt: String?
    }

    /// The credential files, by badge id.
    public let files: [String: Files]
    /// `issuer/profile.json`, as delivered.
    public let issuerProfile: [UInt8]?
    /// `issuer/status-list.json`, as delivered.
    public let statusList: [UInt8]?
    /// The key rotation statements (compact JWS) of `issuer/rotations/<n>.json`, in order of `n`.
    public let rotations: [String]

    public init(files: [String: Files] = [:], issuerProfile: [UInt8]? = nil, statusList: [UInt8]? = nil, rotations: [String] = []) {
        self.files = files
        self.issuerProfile = issuerProfile
        self.statusList = statusList
        self.rotations = rotations
    }

    /// Badge ids with a credential, sorted (the label last).
    public var badges: [String] {
        files.keys.sorted { a, b in
            if (a == CredentialPaths.label) != (b == CredentialPaths.label) { return b == CredentialPaths.label }
            return a < b
        }
    }

    /// Reads the decisions ref of a repository (nothing delivered when there is none).
    public static func read(from repository: Repository) throws -> DeliveredCredentials {
        guard let id = try repository.referenceTarget(DossierReferences.decisions) else { return DeliveredCredentials() }
        let tree = try repository.commit(id).tree()
        func blob(_ path: String) throws -> [UInt8]? {
            guard let entry = try tree.entry(at: path), entry.kind == .blob else { return nil }
            return try repository.blobData(entry.id)
        }
        var files: [String: Files] = [:]
        if let folder = try tree.subtree(at: CredentialPaths.credentialsFolder) {
            for entry in folder.entries where entry.kind == .blob {
                guard let badge = CredentialPaths.badge(ofFileName: entry.name), Evidence.isValidID(badge) else { continue }
                var item = files[badge] ?? Files(badge: badge)
                let bytes = try repository.blobData(entry.id)
                if entry.name.hasSuffix(".jwt") {
                    item.jwt = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                } else {
                    item.json = bytes
                }
                files[badge] = item
            }
        }
        var numbered: [(Int, String)] = []
        if let folder = try tree.subtree(at: CredentialPaths.rotationsFolder) {
            for entry in folder.entries where entry.kind == .blob {
                guard let number = CredentialPaths.rotationNumber(ofFileName: entry.name),
                      let statement = rotationStatement(try repository.blobData(entry.id)) else { continue }
                numbered.append((number, statement))
            }
        }
        return DeliveredCredentials(files: files, issuerProfile: try blob(CredentialPaths.issuerProfile),
                                    statusList: try blob(CredentialPaths.statusList),
                                    rotations: numbered.sorted { $0.0 < $1.0 }.map(\.1))
    }

    /// A rotation statement file: the compact JWS as a JSON string, in an object's `statement` (or
    /// `jws`) member, or as plain text.
    static func rotationStatement(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if let value = try? JSONValue.parse(text) {
            return value.stringValue ?? value["statement"]?.stringValue ?? value["jws"]?.stringValue
        }
        return text.split(separator: ".", omittingEmptySubsequences: false).count == 3 ? text : nil
    }

    /// The delivered issuer Profile, parsed (nil when none was delivered or it does not parse).
    public var profile: JSONValue? { issuerProfile.flatMap { try? JSONValue.parse($0) } }

    /// The delivered Profile's `id` (the issuer), if any.
    public var issuerID: String? { profile?["id"]?.stringValue }

    /// The delivered status list by its URL (`id`), for `CredentialVerifier.statusLists`.
    public var statusLists: [String: JSONValue] {
        guard let bytes = statusList, let list = try? JSONValue.parse(bytes), let url = list["id"]?.stringValue else { return [:] }
        return [url: list]
    }

    /// Every rotation statement delivered: the files, then the Profile's `keyRotations` not among them.
    public var allRotations: [String] {
        var all = rotations
        for statement in (profile?["keyRotations"] ?? .null).asArray.compactMap(\.stringValue) where !all.contains(statement) {
            all.append(statement)
        }
        return all
    }
}
