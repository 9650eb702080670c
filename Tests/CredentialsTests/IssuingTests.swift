import Credentials
import Foundation
import LinkedData
import Testing

/// Keys on disk, issuing, and our verifier on what we issue (tampering, dates, revocation, rotation).
@Suite struct IssuingTests {
    static let now = Support.date("2026-06-01T00:00:00Z")

    static func issuer(_ folder: String) throws -> BadgeIssuer {
        let store = IssuerKeyStore(folder: folder + "/keys")
        return BadgeIssuer(profile: Support.profile, keys: try store.exists ? store.load() : store.initialize(now: now))
    }

    static func verifier(_ issuer: BadgeIssuer, lists: [String: JSONValue] = [:], now: Date = now) throws -> CredentialVerifier {
        CredentialVerifier(trustedKeys: try issuer.trustedKeys(), statusLists: lists, now: now)
    }

    static func mode(_ path: String) throws -> Int {
        ((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1) & 0o777
    }

    @Test func keysAreOwnerOnlyFilesAndReloadTheSame() throws {
        try Support.withFolder { folder in
            let store = IssuerKeyStore(folder: folder + "/keys")
            let made = try store.initialize(now: Self.now)
            #expect(try Self.mode(folder + "/keys") == 0o700)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder + "/keys").sorted()
            #expect(files.count == 3)
            for file in files where file != "keys.json" {
                #expect(try Self.mode(folder + "/keys/" + file) == 0o600, "\(file)")
            }
            let loaded = try store.load()
            #expect(loaded.ed25519.publicKeyMultibase == made.ed25519.publicKeyMultibase)
            #expect(loaded.rsa.publicKey.thumbprint == made.rsa.publicKey.thumbprint)
            #expect(throws: CredentialError.keyFile(path: folder + "/keys/keys.json", problem: .exists)) { try store.initialize() }
            // keys.json is public: it never holds a private member.
            let index = try String(contentsOfFile: folder + "/keys/keys.json", encoding: .utf8)
            #expect(!index.contains("\"d\""))
            #expect(!index.contains(Multikey.encodePrivate(made.ed25519.seed)))
        }
    }

    @Test func aKeyReadableByOthersOrMissingIsOneClearError() throws {
        try Support.withFolder { folder in
            let store = IssuerKeyStore(folder: folder + "/keys")
            let keys = try store.initialize(now: Self.now)
            let path = folder + "/keys/ed25519-\(keys.ed25519.publicKeyMultibase).key"
            chmod(path, 0o644)
            #expect(throws: CredentialError.keyFile(path: path, problem: .tooOpen)) { try store.load() }
            #expect(CredentialError.keyFile(path: path, problem: .tooOpen).text(.fr).contains("lisible par d’autres"))
            chmod(path, 0o600)
            #expect(throws: Never.self) { try store.load() }
            let moved = folder + "/elsewhere.key"
            try FileManager.default.moveItem(atPath: path, toPath: moved)
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: moved)
            #expect(throws: CredentialError.keyFile(path: path, problem: .unreadable)) { try store.load() }
            try FileManager.default.removeItem(atPath: path)
            #expect(throws: CredentialError.keyFile(path: path, problem: .missing)) { try store.load() }
            let empty = IssuerKeyStore(folder: folder + "/none")
            #expect(throws: CredentialError.keyFile(path: folder + "/none/keys.json", problem: .missing)) { try empty.load() }
        }
    }

    @Test func issuedCredentialVerifiesInBothFormats() throws {
        try Support.withFolder { folder in
            let issuer = try Self.issuer(folder)
            let issued = try issuer.issue(Support.award(), now: Self.now)
            #expect(issued.statusListIndex == 7)
            let verifier = try Self.verifier(issuer)
            let json = verifier.verify(.json(issued.json))
            let jsonValid = json.isValid
            #expect(jsonValid, "\(json.checks.map { $0.text(.en) })")
            let jwt = verifier.verify(.jwt(issued.jwt))
            let jwtValid = jwt.isValid
            #expect(jwtValid, "\(jwt.checks.map { $0.text(.en) })")
            #expect(jwt.credential?["credentialSubject"] == issued.json["credentialSubject"])
            // Shape the strict schema wants.
            #expect(issued.json["proof"]?.arrayValue?.count == 1)
            #expect(issued.json["credentialSchema"]?.arrayValue?.count == 1)
            #expect(issued.json["awardedDate"] == "2025-03-01T00:00:00Z")
            #expect(issued.json["credentialSubject"]?["identifier"]?.arrayValue?.first?["identityHash"] == "0761234A")
            #expect(issued.json["evidence"]?.arrayValue?.first?["description"]?.stringValue?.contains("4b825dc642cb6eb9a060e54bf8d69288fbee4904") == true)
            #expect(try JSONLD().expand(issued.json).droppedTerms.isEmpty)
        }
    }

    /// Every single-byte change of the signed JSON is caught: the JSON no longer parses, or a check fails.
    @Test func oneChangedByteAnywhereIsRefused() throws {
        try Support.withFolder { folder in
            let issuer = try Self.issuer(folder)
            let issued = try issuer.issue(Support.award(), now: Self.now)
            let verifier = try Self.verifier(issuer)
            let bytes = Array(issued.json.serialized().utf8)
            var accepted: [Int] = []
            for index in bytes.indices {
                var copy = bytes
                copy[index] = Self.changed(copy[index])
                if verifier.verify(bytes: copy).isValid { accepted.append(index) }
            }
            #expect(accepted.isEmpty, "accepted after a change at \(accepted.prefix(5)): \(accepted.prefix(5).map { String(decoding: bytes[max(0, $0 - 20)..<min(bytes.count, $0 + 20)], as: UTF8.self) })")
            let token = Array(issued.jwt.utf8)
            for index in stride(from: 0, to: token.count, by: 7) where token[index] != UInt8(ascii: ".") {
                var copy = token
                copy[index] = Self.changed(copy[index])
                #expect(!verifier.verify(bytes: copy).isValid, "JWT accepted after a change at \(index)")
            }
        }
    }

    static func changed(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return byte == UInt8(ascii: "z") ? UInt8(ascii: "a") : byte + 1
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte == UInt8(ascii: "Z") ? UInt8(ascii: "A") : byte + 1
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte == UInt8(ascii: "9") ? UInt8(ascii: "0") : byte + 1
        default: return byte == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
        }
    }

    @Test func aSwappedSubjectIsRefused() throws {
        try Support.withFolder { folder in
            let issuer = try Self.issuer(folder)
            let first = try issuer.issue(Support.award(), now: Self.now)
            let second = try issuer.issue(Support.award(uai: "0141234B", name: "CFA de Caen", index: 8), now: Self.now)
            guard case .object(var swapped) = first.json else { return }
            swapped["credentialSubject"] = second.json["credentialSubject"]
            let report = try Self.verifier(issuer).verify(.json(.object(swapped)))
            #expect(report.failed(.signature))
        }
    }

    /// JSON-LD drops a property no context defines, so the proof still verifies over the rest: the
    /// signature alone would accept it. Our verifier refuses any such unsigned property.
    @Test func anAddedUnsignedPropertyIsRefusedThoughTheSignatureHolds() throws {
        try Support.withFolder { folder in
            let issuer = try Self.issuer(folder)
            let issued = try issuer.issue(Support.award(), now: Self.now)
            guard case .object(var added) = issued.json, case .object(var subject) = added["credentialSubject"] else { return }
            subject["revocationWaived"] = true
            added["credentialSubject"] = .object(subject)
            let report = try Self.verifier(issuer).verify(.json(.object(added)))
            #expect(!report.failed(.signature))
            #expect(report.failed(.definedTerms))
            #expect(!report.isValid)
        }
    }

    @Test func expiredAndNotYetValid() throws {
        try Support.withFolder { folder in
            let issuer = try Self.issuer(folder)
            let issued = try issuer.issue(Support.award(), now: Self.now)
            let late = try Self.verifier(issuer, now: Support.date("2029-03-01T00:00:01Z")).verify(.json(issued.json))
            #expect(late.failed(.validUntil) && !late.isValid)
            let early = try Self.verifier(issuer, now: Support.date("2026-02-28T23:59:59Z")).verify(.jwt(issued.jwt))
            #expect(early.failed(.validFrom) && !early.isValid)
        }
    }

    @Test func revocationThroughTheStatusList() throws {
        try Support.withFolder { folder in
            let issuer = try Self.issuer(folder)
            let issued = try issuer.issue(Support.award(), now: Self.now)
            var list = StatusList()
            let clean = try issuer.statusListCredential(list, url: Support.statusURL, now: Self.now)
            #expect(try Self.verifier(issuer, lists: [Support.statusURL: clean]).verify(.json(issued.json)).isValid)
            try list.set(7)
            let revoked = try issuer.statusListCredential(list, url: Support.statusURL, now: Self.now)
            let report = try Self.verifier(issuer, lists: [Support.statusURL: revoked]).verify(.jwt(issued.jwt))
            #expect(report.failed(.status) && !report.isValid)
            // A list not signed by the issuer is not believed.
            let forged = try BadgeIssuer(profile: Support.profile, keys: try IssuerKeyStore(folder: folder + "/other").initialize())
                .statusListCredential(StatusList(), url: Support.statusURL, now: Self.now)
            #expect(try Self.verifier(issuer, lists: [Support.statusURL: forged]).verify(.json(issued.json)).failed(.status))
        }
    }

    @Test func rotationKeepsOldCredentialsVerifiable() throws {
        try Support.withFolder { folder in
            let store = IssuerKeyStore(folder: folder + "/keys")
            let before = BadgeIssuer(profile: Support.profile, keys: try store.initialize(now: Self.now))
            let old = try before.issue(Support.award(), now: Self.now)
            let after = BadgeIssuer(profile: Support.profile, keys: try store.rotate(now: Self.now))
            let new = try after.issue(Support.award(), now: Self.now)
            #expect(after.keys.history.count == 4)
            #expect(after.keys.history.filter { $0.retired != nil }.count == 2)
            #expect(try store.load().ed25519.publicKeyMultibase == after.keys.ed25519.publicKeyMultibase)
            #expect(!FileManager.default.fileExists(atPath: folder + "/keys/ed25519-\(before.keys.ed25519.publicKeyMultibase).key"))
            let verifier = try Self.verifier(after)
            #expect(verifier.verify(.json(old.json)).isValid)
            #expect(verifier.verify(.jwt(old.jwt)).isValid)
            #expect(verifier.verify(.json(new.json)).isValid)
            // A verifier that only knows the new keys refuses what the rotated key signed.
            var onlyNew = TrustedKeys()
            try onlyNew.trust(verificationMethod: after.verificationMethod, publicKeyMultibase: after.keys.ed25519.publicKeyMultibase, controller: Support.profile.id)
            try onlyNew.trust(kid: after.kid, jwk: after.keys.rsa.publicKey.jwk(), controller: Support.profile.id)
            let strict = CredentialVerifier(trustedKeys: onlyNew, now: Self.now)
            #expect(strict.verify(.json(old.json)).failed(.signature))
            #expect(strict.verify(.jwt(old.jwt)).failed(.signature))
            #expect(strict.verify(.json(new.json)).isValid)
            // A CFA that pinned the first keys accepts the new ones through the signed rotation statement.
            var pinned = try TrustedKeys(profile: before.publicProfile())
            #expect(pinned.rsa.count == 1)
            #expect(CredentialVerifier(trustedKeys: pinned, now: Self.now).verify(.json(new.json)).failed(.signature))
            #expect(after.keys.rotations.count == 1)
            try pinned.accept(rotations: after.keys.rotations, issuerID: Support.profile.id)
            #expect(CredentialVerifier(trustedKeys: pinned, now: Self.now).verify(.json(new.json)).isValid)
            #expect(CredentialVerifier(trustedKeys: pinned, now: Self.now).verify(.jwt(new.jwt)).isValid)
            // A statement signed by a key the CFA never trusted changes nothing.
            let stranger = try IssuerKeyStore(folder: folder + "/stranger")
            try stranger.initialize(now: Self.now)
            let forged = try stranger.rotate(now: Self.now).rotations
            var untouched = try TrustedKeys(profile: before.publicProfile())
            #expect(throws: CredentialError.self) { try untouched.accept(rotations: forged, issuerID: Support.profile.id) }
            #expect(untouched.rsa.count == 1)
            // A second rotation chains on the first; the statements survive a reload.
            let third = try store.rotate(now: Self.now)
            #expect(try store.load().rotations.count == 2)
            var chained = try TrustedKeys(profile: before.publicProfile())
            try chained.accept(rotations: third.rotations, issuerID: Support.profile.id)
            #expect(chained.ed25519[IssuerIdentity.verificationMethod(Support.profile.id, third.ed25519.publicKeyMultibase)] != nil)
            // The published profile lists all four keys, and is read back into the same trust.
            let fromProfile = CredentialVerifier(trustedKeys: try TrustedKeys(profile: after.publicProfile()), now: Self.now)
            #expect(fromProfile.verify(.json(old.json)).isValid)
            #expect(fromProfile.verify(.jwt(new.jwt)).isValid)
        }
    }
}
