internal import LinkedData

/// The structure Open Badges 3.0 requires of an OpenBadgeCredential (the parts of the official
/// JSON schema a verifier relies on, plus the spec rule "subject has an id or an identifier"). The
/// full JSON schema is checked by the tests with Python `jsonschema`.
enum Shape {
    static func problems(_ document: JSONObject) -> [String] {
        var problems: [String] = []
        // Only the plain JSON form is accepted: pinned context URLs, no inline context, no JSON-LD
        // keyword below the top. Otherwise a document with the same RDF (hence the same valid
        // signature) could hide `validUntil` or `credentialStatus` from the checks that read the JSON,
        // e.g. behind an alias defined inline or a `{"@value": …}` object.
        if (document["@context"] ?? .null).asArray.contains(where: { $0.stringValue == nil }) { problems.append("@context (inline context)") }
        if let keyword = firstKeyword(in: .object(document), top: true) { problems.append("\(keyword) (JSON-LD keyword)") }
        let contexts = (document["@context"] ?? .null).asArray.compactMap(\.stringValue)
        if contexts.first != PinnedContexts.credentialsV2 { problems.append("@context[0]") }
        let types = (document["type"] ?? .null).asArray.compactMap(\.stringValue)
        if !types.contains("VerifiableCredential") { problems.append("type VerifiableCredential") }
        let isEndorsement = types.contains("EndorsementCredential")
        let isBadge = types.contains("OpenBadgeCredential") || types.contains("AchievementCredential")
        if !isEndorsement, !isBadge { problems.append("type OpenBadgeCredential") }
        if contexts.count < 2 || !contexts[1].hasPrefix("https://purl.imsglobal.org/spec/ob/v3p0/context") { problems.append("@context[1]") }
        if document["id"]?.stringValue == nil { problems.append("id") }
        if VCJWT.issuerID(of: document) == nil { problems.append("issuer.id") }
        guard let subject = document["credentialSubject"]?.objectValue else { return problems + ["credentialSubject"] }
        if isBadge {
            if subject["id"] == nil, (subject["identifier"] ?? .null).asArray.isEmpty { problems.append("credentialSubject.id or identifier") }
            guard let achievement = subject["achievement"]?.objectValue else { return problems + ["credentialSubject.achievement"] }
            for member in ["id", "name", "description", "criteria"] where achievement[member] == nil {
                problems.append("achievement.\(member)")
            }
        }
        return problems
    }

    /// The first key starting with `@`, depth first, except `@context` made of URLs only (an embedded
    /// endorsement credential carries its own, and only pinned URLs pass expansion).
    static func firstKeyword(in value: JSONValue, top: Bool) -> String? {
        switch value {
        case .object(let object):
            for (key, member) in object {
                if key == "@context", member.asArray.allSatisfy({ $0.stringValue != nil }) { continue }
                if key.hasPrefix("@") { return key }
                if let found = firstKeyword(in: member, top: false) { return found }
            }
        case .array(let items):
            for item in items { if let found = firstKeyword(in: item, top: false) { return found } }
        default:
            break
        }
        return nil
    }
}
