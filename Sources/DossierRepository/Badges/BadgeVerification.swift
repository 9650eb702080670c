public import Credentials
import Foundation
public import LinkedData

/// `dossier verify`: any Open Badges 3.0 credential, ours or not. Offline first, with the keys and
/// status lists at hand (pinned issuer keys, the delivered status list, keys given by the user);
/// online only for what is missing: the issuer's Profile (the `verificationMethod` or `kid` URL
/// without its fragment) and the status list, fetched through `fetcher` (nil: offline only).
///
/// A downloaded Profile is used only when its `id` is the very URL it came from (else anyone could
/// publish a document claiming to be someone else's Profile); its keys are bound to that id, and
/// `CredentialVerifier` then requires the key's controller to be the credential's issuer.
public struct BadgeVerification: Sendable {
    public var trustedKeys: TrustedKeys
    public var statusLists: [String: JSONValue]
    public var fetcher: (any DocumentFetcher)?
    /// The issuer whose keys this dossier pinned (`IssuerKeyPin`): its keys are never taken from
    /// the web, where an impostor could publish others; they change only through a sync with a
    /// signed rotation statement.
    public var pinnedIssuer: String?
    public var now: Date

    public init(trustedKeys: TrustedKeys, statusLists: [String: JSONValue] = [:], fetcher: (any DocumentFetcher)? = nil,
                pinnedIssuer: String? = nil, now: Date = Date()) {
        self.trustedKeys = trustedKeys
        self.statusLists = statusLists
        self.fetcher = fetcher
        self.pinnedIssuer = pinnedIssuer
        self.now = now
    }

    public struct Outcome: Sendable {
        public let report: VerificationReport
        /// Documents downloaded for the verification, in order.
        public let fetched: [String]
        /// Documents that were needed but could not be had (or were not usable).
        public let problems: [BadgeError]
    }

    public func verify(bytes: [UInt8]) -> Outcome {
        var keys = trustedKeys
        var lists = statusLists
        var report = CredentialVerifier(trustedKeys: keys, statusLists: lists, now: now).verify(bytes: bytes)
        guard let fetcher else { return Outcome(report: report, fetched: [], problems: []) }
        var fetched: [String] = []
        var problems: [BadgeError] = []
        var changed = false
        let details = report.checks.flatMap(\.details)
        // Keys: the Profile at each unknown verification method (or kid) URL, fragment removed.
        let unknownKeys = details.compactMap { detail -> String? in if case .unknownKey(let id) = detail { id } else { nil } }
        for method in unknownKeys {
            guard let url = Self.documentURL(method), !fetched.contains(url) else { continue }
            if let pinnedIssuer, url == pinnedIssuer {
                if !problems.contains(.keyNotPinned(pinnedIssuer)) { problems.append(.keyNotPinned(pinnedIssuer)) }
                continue
            }
            do {
                let document = try JSONValue.parse(try fetcher.fetch(url))
                fetched.append(url)
                guard document["id"]?.stringValue == url else {
                    problems.append(.profileNotAtItsAddress(url))
                    continue
                }
                keys.merge(try TrustedKeys(profile: document))
                changed = true
            } catch let error as BadgeError {
                problems.append(error)
            } catch {
                problems.append(.unexpectedDocument(url: url, expected: .issuerProfile))
            }
        }
        // Status lists not at hand.
        let missingLists = details.compactMap { detail -> String? in if case .statusListUnavailable(let url) = detail { url } else { nil } }
        for url in missingLists where Self.isWeb(url) && !fetched.contains(url) {
            do {
                let list = try JSONValue.parse(try fetcher.fetch(url))
                fetched.append(url)
                lists[url] = list
                changed = true
            } catch let error as BadgeError {
                problems.append(error)
            } catch {
                problems.append(.unexpectedDocument(url: url, expected: .statusList))
            }
        }
        if changed { report = CredentialVerifier(trustedKeys: keys, statusLists: lists, now: now).verify(bytes: bytes) }
        return Outcome(report: report, fetched: fetched, problems: problems)
    }

    /// `https://…/issuer.json#key` → `https://…/issuer.json`; nil for anything not http(s).
    static func documentURL(_ method: String) -> String? {
        let url = String(method.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        return isWeb(url) ? url : nil
    }

    static func isWeb(_ url: String) -> Bool {
        let lower = url.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://")
    }

    /// Keys the user vouches for on the command line (`--key METHOD=MULTIBASE`), bound to the issuer
    /// of the credential being verified.
    public static func trust(userKeys: [(method: String, multibase: String)], for bytes: [UInt8], into keys: inout TrustedKeys) throws {
        guard !userKeys.isEmpty else { return }
        let issuer: String?
        switch try CredentialInput.read(bytes) {
        case .json(let credential): issuer = credential["issuer"]?.stringValue ?? credential["issuer"]?["id"]?.stringValue
        case .jwt(let token):
            let credential = try VCJWT.decode(token).credential
            issuer = credential["issuer"]?.stringValue ?? credential["issuer"]?["id"]?.stringValue
        }
        guard let issuer else { throw CredentialError.malformed(member: "issuer.id") }
        for key in userKeys { try keys.trust(verificationMethod: key.method, publicKeyMultibase: key.multibase, controller: issuer) }
    }
}
