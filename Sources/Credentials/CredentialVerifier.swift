public import Foundation
public import LinkedData

/// Verifies an Open Badges 3.0 credential offline, as the specification's "Verification and
/// Validation" section orders it: structure, proof (Data Integrity `eddsa-rdfc-2022` or VC-JWT RS256),
/// the key's binding to the issuer, that every property is defined by the contexts (else the proof
/// does not cover it), dates, and revocation against a status list the caller supplies.
public struct CredentialVerifier: Sendable {
    public var trustedKeys: TrustedKeys
    /// Status list credentials already at hand (cached or downloaded by the caller), by URL.
    public var statusLists: [String: JSONValue]
    public var now: Date
    public var processor: JSONLD

    public init(trustedKeys: TrustedKeys, statusLists: [String: JSONValue] = [:], now: Date = Date(), processor: JSONLD = JSONLD()) {
        self.trustedKeys = trustedKeys
        self.statusLists = statusLists
        self.now = now
        self.processor = processor
    }

    public func verify(_ input: CredentialInput) -> VerificationReport {
        switch input {
        case .json(let credential): return verifyEmbedded(credential)
        case .jwt(let token): return verifyJWT(token)
        }
    }

    public func verify(bytes: [UInt8]) -> VerificationReport {
        do {
            return verify(try CredentialInput.read(bytes))
        } catch {
            return VerificationReport(checks: [VerificationCheck(kind: .format, outcome: .failed, detail: .error(error))], credential: nil, proofFormat: nil)
        }
    }

    // MARK: - Embedded proof

    func verifyEmbedded(_ credential: JSONValue) -> VerificationReport {
        var checks: [VerificationCheck] = []
        guard case .object(let document) = credential else {
            return VerificationReport(checks: [VerificationCheck(kind: .format, outcome: .failed, detail: .error(.unreadable("JSON")))], credential: nil, proofFormat: nil)
        }
        let issuer = VCJWT.issuerID(of: document)
        let proofs = (document["proof"] ?? .null).asArray.compactMap(\.objectValue)
        var signatureOK = false
        var issuerOK = false
        var details: [VerificationCheck.Detail] = []
        if proofs.isEmpty { details.append(.noProof) }
        for proof in proofs {
            guard proof["type"] == "DataIntegrityProof", proof["cryptosuite"]?.stringValue == DataIntegrity.cryptosuite else {
                details.append(.unsupportedProof("\(proof["type"]?.stringValue ?? "?")/\(proof["cryptosuite"]?.stringValue ?? "?")"))
                continue
            }
            guard proof["proofPurpose"] == "assertionMethod" else { details.append(.wrongProofPurpose); continue }
            guard let method = proof["verificationMethod"]?.stringValue, let entry = trustedKeys.resolveEd25519(method) else {
                details.append(.unknownKey(proof["verificationMethod"]?.stringValue ?? "?"))
                continue
            }
            do {
                if try DataIntegrity.isValid(document: document, proof: proof, publicKey: entry.publicKey, processor: processor) {
                    signatureOK = true
                    details.append(.key(method))
                    if entry.controller == issuer { issuerOK = true }
                } else {
                    details.append(.signatureMismatch(method))
                }
            } catch {
                details.append(.error(error))
            }
        }
        checks.append(VerificationCheck(kind: .signature, outcome: signatureOK ? .passed : .failed, details: details))
        checks.append(VerificationCheck(kind: .issuer, outcome: issuerOK ? .passed : .failed, detail: issuer.map { .issuer($0) } ?? .missing("issuer.id")))
        do {
            let dropped = try processor.expand(credential).droppedTerms
            checks.append(VerificationCheck(kind: .definedTerms, outcome: dropped.isEmpty ? .passed : .failed,
                                            details: dropped.isEmpty ? [] : [.unsignedTerms(dropped)]))
        } catch {
            checks.append(VerificationCheck(kind: .definedTerms, outcome: .failed, detail: .error(.linkedData(error))))
        }
        checks += commonChecks(document)
        return VerificationReport(checks: checks, credential: credential, proofFormat: .dataIntegrity)
    }

    // MARK: - VC-JWT

    func verifyJWT(_ token: String) -> VerificationReport {
        let decoded: VCJWT.Decoded
        do {
            decoded = try VCJWT.decode(token)
        } catch {
            return VerificationReport(checks: [VerificationCheck(kind: .format, outcome: .failed, detail: .error(error))], credential: nil, proofFormat: .jwt)
        }
        var checks: [VerificationCheck] = []
        let credential = decoded.credential
        let document = credential.objectValue ?? JSONObject()
        let issuer = VCJWT.issuerID(of: document)
        let header = decoded.header
        var signatureDetail = VerificationCheck.Detail.noProof
        var signatureOK = false
        var issuerOK = false
        let allowedHeaders: Set<String> = ["alg", "kid", "jwk", "typ"]
        if header["alg"] != "RS256" {
            signatureDetail = .unsupportedAlgorithm(header["alg"]?.stringValue ?? "?")
        } else if let typ = header["typ"], typ != "JWT" {
            signatureDetail = .invalidHeader("typ")
        } else if let extra = header.keys.first(where: { !allowedHeaders.contains($0) }) {
            signatureDetail = .invalidHeader(extra)
        } else if let kid = header["kid"]?.stringValue, let entry = trustedKeys.rsa[kid] {
            signatureOK = entry.key.isValidRS256(signature: decoded.signature, for: decoded.signingInput)
            signatureDetail = signatureOK ? .key(kid) : .signatureMismatch(kid)
            issuerOK = signatureOK && entry.controller == issuer
        } else if let jwk = header["jwk"]?.objectValue {
            if jwk["d"] != nil {
                signatureDetail = .privateKeyInToken
            } else if let key = try? RSAPublicKey(jwk: jwk) {
                signatureOK = key.isValidRS256(signature: decoded.signature, for: decoded.signingInput)
                signatureDetail = signatureOK ? .keyInToken : .signatureMismatch("jwk")
                // A key carried by the token proves nothing about who made it, unless we trust it already.
                issuerOK = signatureOK && trustedKeys.rsa.values.contains { $0.key.thumbprint == key.thumbprint && $0.controller == issuer }
            } else {
                signatureDetail = .unsupportedAlgorithm("jwk")
            }
        } else {
            signatureDetail = .unknownKey(header["kid"]?.stringValue ?? "?")
        }
        checks.append(VerificationCheck(kind: .signature, outcome: signatureOK ? .passed : .failed, detail: signatureDetail))
        checks.append(VerificationCheck(kind: .issuer, outcome: issuerOK ? .passed : .failed, detail: issuer.map { .issuer($0) } ?? .missing("issuer.id")))

        var claimProblems: [String] = []
        let payload = decoded.payload
        if payload["iss"]?.stringValue != issuer { claimProblems.append("iss") }
        if payload["jti"]?.stringValue != document["id"]?.stringValue { claimProblems.append("jti") }
        if let subject = document["credentialSubject"]?["id"]?.stringValue {
            if payload["sub"]?.stringValue != subject { claimProblems.append("sub") }
        } else if payload["sub"] != nil {
            claimProblems.append("sub")
        }
        let validFrom = (document["validFrom"] ?? document["issuanceDate"])?.stringValue.flatMap(Timestamp.parse)
        if payload["nbf"] != validFrom.map({ .int(Int($0.timeIntervalSince1970)) }) { claimProblems.append("nbf") }
        let validUntil = (document["validUntil"] ?? document["expirationDate"])?.stringValue.flatMap(Timestamp.parse)
        if validUntil != nil || payload["exp"] != nil, payload["exp"] != validUntil.map({ .int(Int($0.timeIntervalSince1970)) }) {
            claimProblems.append("exp")
        }
        checks.append(VerificationCheck(kind: .claims, outcome: claimProblems.isEmpty ? .passed : .failed,
                                        details: claimProblems.isEmpty ? [] : [.claimMismatch(claimProblems)]))
        checks += commonChecks(document)
        return VerificationReport(checks: checks, credential: credential, proofFormat: .jwt)
    }

    // MARK: - Dates, status, structure

    func commonChecks(_ document: JSONObject) -> [VerificationCheck] {
        var checks: [VerificationCheck] = []
        let validFromText = (document["validFrom"] ?? document["issuanceDate"])?.stringValue
        if let text = validFromText, let date = Timestamp.parse(text) {
            checks.append(VerificationCheck(kind: .validFrom, outcome: date <= now ? .passed : .failed, detail: .date(text)))
        } else {
            checks.append(VerificationCheck(kind: .validFrom, outcome: .failed, detail: validFromText.map { .date($0) } ?? .missing("validFrom")))
        }
        if let value = document["validUntil"] ?? document["expirationDate"] {
            // Present but not a date-time string: failed, never skipped.
            let text = value.stringValue
            let date = text.flatMap(Timestamp.parse)
            checks.append(VerificationCheck(kind: .validUntil, outcome: date.map { now <= $0 } == true ? .passed : .failed,
                                            detail: text.map { .date($0) } ?? .missing("validUntil")))
        }
        checks += statusChecks(document)
        let problems = Shape.problems(document)
        checks.append(VerificationCheck(kind: .schema, outcome: problems.isEmpty ? .passed : .failed, details: problems.isEmpty ? [] : [.structure(problems)]))
        return checks
    }

    func statusChecks(_ document: JSONObject) -> [VerificationCheck] {
        var checks: [VerificationCheck] = []
        for entry in (document["credentialStatus"] ?? .null).asArray {
            let types = (entry["type"] ?? .null).asArray.compactMap(\.stringValue)
            if types.contains("1EdTechRevocationList") {
                checks.append(revocationListCheck(entry, credentialID: document["id"]?.stringValue))
                continue
            }
            guard types.contains("BitstringStatusListEntry") else {
                checks.append(VerificationCheck(kind: .status, outcome: .notChecked, detail: .unsupportedStatus(types.joined(separator: ","))))
                continue
            }
            guard let url = entry["statusListCredential"]?.stringValue else {
                checks.append(VerificationCheck(kind: .status, outcome: .failed, detail: .missing("statusListCredential")))
                continue
            }
            let indexValue = entry["statusListIndex"]
            guard let index = indexValue?.stringValue.flatMap({ Int($0) }) ?? { if case .int(let value)? = indexValue { return value } else { return nil } }() else {
                checks.append(VerificationCheck(kind: .status, outcome: .failed, detail: .missing("statusListIndex")))
                continue
            }
            guard entry["statusPurpose"] == "revocation" else {
                checks.append(VerificationCheck(kind: .status, outcome: .notChecked, detail: .unsupportedStatus(entry["statusPurpose"]?.stringValue ?? "?")))
                continue
            }
            guard let list = statusLists[url] else {
                checks.append(VerificationCheck(kind: .status, outcome: .notChecked, detail: .statusListUnavailable(url)))
                continue
            }
            // The list must be signed by the credential's issuer and be current.
            let listReport = verifyEmbedded(list)
            let listSigned = !listReport.failed(.signature) && VCJWT.issuerID(of: list.objectValue ?? JSONObject()) == VCJWT.issuerID(of: document)
                && !listReport.failed(.issuer)
            let listDated = !listReport.failed(.validFrom) && !listReport.failed(.validUntil)
            guard listSigned, listDated, list["credentialSubject"]?["statusPurpose"] == "revocation",
                  let encoded = list["credentialSubject"]?["encodedList"]?.stringValue
            else {
                checks.append(VerificationCheck(kind: .status, outcome: .failed, detail: .statusListNotVerified(url)))
                continue
            }
            do {
                let revoked = try StatusList(encoded: encoded).isSet(index)
                checks.append(VerificationCheck(kind: .status, outcome: revoked ? .failed : .passed, detail: revoked ? .revoked(index) : .statusIndex(index)))
            } catch {
                checks.append(VerificationCheck(kind: .status, outcome: .failed, detail: .error(error)))
            }
        }
        return checks
    }

    /// 1EdTech Revocation List (the other mechanism OB 3.0 names): the list at `id` names revoked
    /// credential ids; an entry whose `revoked` is true or absent revokes (as the 1EdTech validator reads it).
    func revocationListCheck(_ entry: JSONValue, credentialID: String?) -> VerificationCheck {
        guard let url = entry["id"]?.stringValue else { return VerificationCheck(kind: .status, outcome: .failed, detail: .missing("credentialStatus.id")) }
        guard let list = statusLists[url] else { return VerificationCheck(kind: .status, outcome: .notChecked, detail: .statusListUnavailable(url)) }
        let revoked = (list["revokedCredential"] ?? .null).asArray.contains { item in
            item["id"]?.stringValue == credentialID && item["revoked"]?.boolValue != false
        }
        return VerificationCheck(kind: .status, outcome: revoked ? .failed : .passed, detail: revoked ? .revokedByList(url) : .notListed(url))
    }
}
