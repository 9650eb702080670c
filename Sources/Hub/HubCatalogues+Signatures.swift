internal import Credentials
import DossierCore
import Foundation

extension HubCatalogues {
    /// `versions/<version>.jws`: the version's signature by the Région's issuer key.
    func signaturePath(_ version: CatalogueVersion) -> String { versionsFolder + "/\(version).jws" }

    /// Signs every published version that has no signature yet (all of them at the first
    /// publication after `hub keys init`, else the one just published). Nothing before the first
    /// publication: the built-in version travels to no one. Returns the versions signed.
    @discardableResult
    func signUnsigned(with issuer: BadgeIssuer, now: Date) throws -> [CatalogueVersion] {
        guard hasPublications else { return [] }
        var signed: [CatalogueVersion] = []
        for (version, bytes) in try published() where !FileManager.default.fileExists(atPath: signaturePath(version)) {
            let signature = try CatalogueSignature.sign(version: version.description, file: bytes, issuer: issuer, at: now)
            try AtomicFile.write(Data((signature + "\n").utf8), to: signaturePath(version))
            signed.append(version)
        }
        return signed
    }

    /// Each published version's signature, when it has one.
    public func signatures() throws -> [CatalogueVersion: String] {
        var signatures: [CatalogueVersion: String] = [:]
        for (version, _) in try published() {
            guard let data = FileManager.default.contents(atPath: signaturePath(version)) else { continue }
            signatures[version] = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return signatures
    }
}
