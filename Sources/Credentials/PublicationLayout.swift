/// Where each public document lives under the site `hub publish DIR --base-url URL` writes, so that
/// every id in a credential resolves to the document it names:
///
///     issuer.json                       issuer Profile with every public key (Multikey + JWK)
///     achievements/<badge>.json|.html   Achievement, French criteria page (as first defined)
///     achievements/<badge>/<version>.json|.html   a later revision of it, from catalogue <version>
///     cfa/<uai>.html                    the CFA's public page (credentialSubject.id)
///     credentials/<uai>/<badge>.json    the credential (embedded proof); .jwt beside it
///     status/<n>.json                   BitstringStatusListCredential
public struct PublicationLayout: Sendable, Equatable {
    public let baseURL: String

    /// `baseURL` without its trailing slashes.
    public init(baseURL: String) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
    }

    public var issuerProfileURL: String { baseURL + "/issuer.json" }

    /// The Achievement as first defined (`revision` nil), or its revision from catalogue `revision`.
    public func achievementURL(_ badge: String, revision: String? = nil) throws(CredentialError) -> String {
        baseURL + "/" + (try achievementPath(badge, revision: revision)) + ".json"
    }

    public func criteriaURL(_ badge: String, revision: String? = nil) throws(CredentialError) -> String {
        baseURL + "/" + (try achievementPath(badge, revision: revision)) + ".html"
    }

    /// `achievements/<badge>` or `achievements/<badge>/<revision>`, without extension.
    public func achievementPath(_ badge: String, revision: String? = nil) throws(CredentialError) -> String {
        guard let revision else { return "achievements/\(try Self.segment(badge))" }
        return "achievements/\(try Self.segment(badge))/\(try Self.segment(revision))"
    }

    public func imageURL(_ badge: String) throws(CredentialError) -> String {
        baseURL + "/achievements/\(try Self.segment(badge)).svg"
    }

    public func recipientURL(uai: String) throws(CredentialError) -> String {
        baseURL + "/cfa/\(try Self.segment(uai)).html"
    }

    public func credentialURL(uai: String, badge: String) throws(CredentialError) -> String {
        baseURL + "/credentials/\(try Self.segment(uai))/\(try Self.segment(badge)).json"
    }

    public func statusListURL(_ number: Int = 1) -> String { baseURL + "/status/\(number).json" }

    /// The file under the site folder that `url` names, nil for a URL outside the site.
    public func relativePath(of url: String) -> String? {
        guard url.hasPrefix(baseURL + "/") else { return nil }
        let path = String(url.dropFirst(baseURL.count + 1))
        guard !path.split(separator: "/").contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) else { return nil }
        return path
    }

    /// Ids used in paths are catalogue slugs and UAIs: letters, digits, `-`, `_`, `.` (not leading).
    static func segment(_ value: String) throws(CredentialError) -> String {
        let allowed = value.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
        }
        guard !value.isEmpty, allowed, !value.hasPrefix(".") else { throw .malformed(member: value) }
        return value
    }
}
