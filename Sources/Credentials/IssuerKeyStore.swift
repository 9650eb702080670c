public import Foundation
public import LinkedData

/// The issuer's keys on disk, in one folder (the hub folder's `keys/` or `--keys DIR`), mode 0700:
///
///     keys.json                 public: every key ever used (current and retired), never a secret
///     ed25519-<z6Mk…>.key       private Ed25519 seed (multibase), mode 0600
///     rsa-<thumbprint>.pem      private RSA key (PKCS#8 PEM), mode 0600
///
/// `rotate` makes new keys, marks the previous ones retired (their public halves stay in `keys.json`
/// so that credentials signed earlier still verify) and deletes the retired private files.
public struct IssuerKeyStore: Sendable {
    public let folder: String
    static let indexName = "keys.json"

    public init(folder: String) { self.folder = folder }

    /// A public key the issuer has used, with its dates (ISO 8601, UTC).
    public struct PublicKeyRecord: Sendable, Equatable {
        public enum Kind: String, Sendable { case ed25519, rsa }
        public let kind: Kind
        /// `z6Mk…` for Ed25519, the RFC 7638 thumbprint for RSA: the fragment of its verification method.
        public let fragment: String
        /// The public JWK (RSA only).
        public let jwk: JSONObject?
        public let created: String
        public var retired: String?
    }

    /// The current signing keys and every public key used so far.
    public struct Keys: Sendable {
        public let ed25519: Ed25519SigningKey
        public let rsa: RSASigningKey
        public let history: [PublicKeyRecord]
        /// One statement per rotation, oldest first: a compact JWS signed with the retiring RSA key that
        /// names the new keys (`KeyRotation`), so that a CFA which pinned the old keys can accept the new.
        public let rotations: [String]
    }

    var indexPath: String { folder + "/" + Self.indexName }

    public var exists: Bool { FileManager.default.fileExists(atPath: indexPath) }

    /// Makes the first keys; refuses when keys already exist (rotation is a separate, explicit act).
    @discardableResult
    public func initialize(now: Date = Date()) throws(CredentialError) -> Keys {
        if exists { throw .keyFile(path: indexPath, problem: .exists) }
        try PrivateFile.makeFolder(folder)
        return try addKeys(history: [], rotations: [], now: now)
    }

    /// New current keys; the previous ones are retired (public halves kept).
    @discardableResult
    public func rotate(now: Date = Date()) throws(CredentialError) -> Keys {
        let old = try load()
        let stamp = Timestamp.iso(now)
        var history = old.history
        for index in history.indices where history[index].retired == nil { history[index].retired = stamp }
        let ed = Ed25519SigningKey.generate()
        let rsa = try RSASigningKey.generate()
        let statement = try KeyRotation.statement(signedBy: old.rsa, newEd25519: ed, newRSA: rsa.publicKey, at: now)
        let keys = try addKeys(history: history, rotations: old.rotations + [statement], now: now, ed: ed, rsa: rsa)
        try? FileManager.default.removeItem(atPath: edPath(old.ed25519.publicKeyMultibase))
        try? FileManager.default.removeItem(atPath: rsaPath(old.rsa.publicKey.thumbprint))
        return keys
    }

    public func load() throws(CredentialError) -> Keys {
        guard let data = FileManager.default.contents(atPath: indexPath) else {
            throw .keyFile(path: indexPath, problem: exists ? .unreadable : .missing)
        }
        guard let index = try? JSONValue.parse(Array(data)), let records = index["keys"]?.arrayValue else {
            throw .keyFile(path: indexPath, problem: .unreadable)
        }
        var history: [PublicKeyRecord] = []
        for record in records {
            guard let kind = record["kind"]?.stringValue.flatMap(PublicKeyRecord.Kind.init(rawValue:)),
                  let fragment = record["fragment"]?.stringValue, let created = record["created"]?.stringValue
            else { throw .keyFile(path: indexPath, problem: .unreadable) }
            history.append(PublicKeyRecord(
                kind: kind, fragment: fragment, jwk: record["jwk"]?.objectValue, created: created,
                retired: record["retired"]?.stringValue))
        }
        guard let currentEd = history.last(where: { $0.kind == .ed25519 && $0.retired == nil }),
              let currentRSA = history.last(where: { $0.kind == .rsa && $0.retired == nil })
        else { throw .keyFile(path: indexPath, problem: .unreadable) }
        let edText = String(decoding: try PrivateFile.read(edPath(currentEd.fragment)), as: UTF8.self)
        guard let seed = Multikey.decodePrivate(edText.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw .keyFile(path: edPath(currentEd.fragment), problem: .unreadable)
        }
        let ed = try Ed25519SigningKey(seed: seed)
        let rsa = try RSASigningKey(pem: String(decoding: try PrivateFile.read(rsaPath(currentRSA.fragment)), as: UTF8.self))
        guard ed.publicKeyMultibase == currentEd.fragment, rsa.publicKey.thumbprint == currentRSA.fragment else {
            throw .invalidKey("keys.json does not match the private key files")
        }
        let rotations = (index["rotations"] ?? .null).asArray.compactMap(\.stringValue)
        return Keys(ed25519: ed, rsa: rsa, history: history, rotations: rotations)
    }

    private func edPath(_ multibase: String) -> String { folder + "/ed25519-\(multibase).key" }
    private func rsaPath(_ thumbprint: String) -> String { folder + "/rsa-\(thumbprint).pem" }

    private func addKeys(
        history: [PublicKeyRecord], rotations: [String], now: Date, ed: Ed25519SigningKey? = nil, rsa rsaGiven: RSASigningKey? = nil
    ) throws(CredentialError) -> Keys {
        let ed = ed ?? Ed25519SigningKey.generate()
        let rsa: RSASigningKey
        if let given = rsaGiven { rsa = given } else { rsa = try RSASigningKey.generate() }
        let stamp = Timestamp.iso(now)
        try PrivateFile.write(Array((Multikey.encodePrivate(ed.seed) + "\n").utf8), to: edPath(ed.publicKeyMultibase), replace: false)
        try PrivateFile.write(Array(rsa.pem.utf8), to: rsaPath(rsa.publicKey.thumbprint), replace: false)
        let all = history + [
            PublicKeyRecord(kind: .ed25519, fragment: ed.publicKeyMultibase, jwk: nil, created: stamp),
            PublicKeyRecord(kind: .rsa, fragment: rsa.publicKey.thumbprint, jwk: rsa.publicKey.jwk(), created: stamp),
        ]
        let index: JSONValue = ["rotations": .array(rotations.map(JSONValue.string)), "keys": .array(all.map { record in
            var object = JSONObject([("kind", .string(record.kind.rawValue)), ("fragment", .string(record.fragment)), ("created", .string(record.created))])
            if let jwk = record.jwk { object["jwk"] = .object(jwk) }
            if let retired = record.retired { object["retired"] = .string(retired) }
            return .object(object)
        })]
        // Public content, but written the same careful way (the private files exist before the index names them).
        try PrivateFile.write(Array((index.serialized(pretty: true) + "\n").utf8), to: indexPath, replace: true)
        return Keys(ed25519: ed, rsa: rsa, history: all, rotations: rotations)
    }
}
