public import Foundation
public import LinkedData
internal import Crypto

/// Data Integrity proofs with the `eddsa-rdfc-2022` cryptosuite (W3C vc-di-eddsa §3.3): the data
/// signed is SHA-256(canonical proof options) ‖ SHA-256(canonical credential without proof), both
/// canonicalized with RDFC-1.0; `proofValue` is `z` + base58btc(Ed25519 signature).
public enum DataIntegrity {
    public static let cryptosuite = "eddsa-rdfc-2022"

    /// The credential with a `proof` array holding one new proof (any existing proof is replaced).
    public static func sign(
        _ credential: JSONValue, key: Ed25519SigningKey, verificationMethod: String, created: Date,
        processor: JSONLD = JSONLD()
    ) throws(CredentialError) -> JSONValue {
        guard case .object(var document) = credential else { throw .malformed(member: "(root)") }
        document["proof"] = nil
        var proof = JSONObject([
            ("type", "DataIntegrityProof"), ("created", .string(Timestamp.iso(created))),
            ("verificationMethod", .string(verificationMethod)), ("cryptosuite", .string(cryptosuite)),
            ("proofPurpose", "assertionMethod"),
        ])
        let data = try signedData(document: document, proofOptions: proof, processor: processor)
        proof["proofValue"] = .string("z" + Base58Encoding.encode(try key.sign(data)))
        document["proof"] = .array([.object(proof)])
        return .object(document)
    }

    /// SHA-256(canonical options with the document's @context) ‖ SHA-256(canonical document).
    static func signedData(document: JSONObject, proofOptions: JSONObject, processor: JSONLD) throws(CredentialError) -> [UInt8] {
        var options = proofOptions
        options["proofValue"] = nil
        options["@context"] = document["@context"]
        var unsecured = document
        unsecured["proof"] = nil
        do {
            let optionsHash = SHA256.hash(data: Array(try processor.canonicalNQuads(of: .object(options)).utf8))
            let documentHash = SHA256.hash(data: Array(try processor.canonicalNQuads(of: .object(unsecured)).utf8))
            return Array(optionsHash) + Array(documentHash)
        } catch {
            throw .linkedData(error)
        }
    }

    /// Verifies one proof object of `document` with a 32-byte Ed25519 public key.
    static func isValid(document: JSONObject, proof: JSONObject, publicKey: [UInt8], processor: JSONLD) throws(CredentialError) -> Bool {
        guard let value = proof["proofValue"]?.stringValue, value.hasPrefix("z"),
              let signature = Base58.decode(String(value.dropFirst())), signature.count == 64
        else { return false }
        let data = try signedData(document: document, proofOptions: proof, processor: processor)
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: data)
    }
}
