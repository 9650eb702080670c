import DossierCore
import Foundation
import Git
import Hub
import HubReview
import HTTPTypes
import Hummingbird
import Remote
import HummingbirdTesting
@testable import HubWeb

/// A hub in a temporary folder with two CFAs, a member of each role with a password, requests
/// with evidence in a real mirror, and the web application over it.
final class WebFixture: @unchecked Sendable {
    static let caen = "0141234R"
    static let rouen = "0761234D"
    static let password = "correct horse battery"
    /// The members of the sample hub: a pilot CFA (Caen), two Badgeons, a Région member.
    static let members: [(String, Member.Role, String?)] = [
        ("pilote-caen", .cfaPilote, caen), ("badgeons-1", .badgeons, nil), ("badgeons-2", .badgeons, nil), ("region-1", .region, nil),
    ]
    static let now = ISO8601DateFormatter().date(from: "2026-03-02T10:00:00Z") ?? Date()
    static let today = Day("2026-03-02") ?? Day(now)

    let folder: String
    let hub: Hub
    let app: WebApp
    var badge: String { hub.catalogue.badges[0].id }
    var otherBadge: String { hub.catalogue.badges[1].id }

    init(baseURL: String? = nil, maxBody: Int = 64 * 1024, mediaOptions: RemoteOptions? = nil) throws {
        folder = NSTemporaryDirectory() + "hubweb-" + UUID().uuidString
        let catalogue = try Catalogue.builtin()
        hub = try Hub.create(at: folder + "/hub", catalogue: catalogue)
        let registered = Self.now.addingTimeInterval(-30 * 86400)
        _ = try hub.register(uai: Self.caen, url: "https://git.example.fr/caen.git", name: "CFA de Caen <script>alert(1)</script>", now: registered)
        _ = try hub.register(uai: Self.rouen, url: "https://git.example.fr/rouen.git", name: "CFA de Rouen", now: registered)
        let settings = WebSettings(baseURL: baseURL, maxBodyBytes: maxBody, bcryptCost: 4, mediaOptions: mediaOptions,
                                   now: { Self.now }, today: { Self.today })
        app = WebApp(hub: hub, settings: settings)
        let accounts = WebAccounts(hub: hub, settings: settings)
        for (id, role, uai) in Self.members {
            _ = try hub.addMember(id: id, role: role, uai: uai, now: registered)
            try accounts.setPassword(memberID: id, password: Self.password)
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// Files of a badge's evidence folder, committed in the CFA's mirror; returns the commit.
    func commit(_ uai: String, badge: String, files: [String: [UInt8]]) throws -> String {
        let path = hub.mirrorPath(uai)
        let repository = FileManager.default.fileExists(atPath: path + "/HEAD") ? try Repository.open(at: path)
            : try Repository.create(at: path, bare: true)
        let empty = try repository.tree(try repository.index().writeTree())
        var changes: [String: ObjectID?] = [:]
        for (name, bytes) in files { changes[Claim.evidenceFolder(badge: badge) + "/" + name] = try repository.writeBlob(bytes) }
        let tree = try repository.tree(empty, replacing: changes)
        let id = try repository.commit(tree: tree, parents: [], message: "dossier", author: Signature(name: "CFA", email: "cfa@example.fr", date: Self.now),
                                       updating: nil)
        return id.hex
    }

    /// Stores a request as reconcile would (earlier open requests of the badge are superseded).
    @discardableResult
    func submit(_ uai: String, badge: String, n: Int = 1, title: String = "Charte numérique", message: String = "Notre demande",
                evidence: [(id: String, criterion: String, title: String, file: String, bytes: [UInt8])] = [],
                links: [(id: String, criterion: String, title: String, url: String)] = [],
                media: [(id: String, file: String, bytes: [UInt8])] = [],
                daysAgo: Double = 3) throws -> Submission {
        var files = Dictionary(evidence.map { ($0.file, $0.bytes) }, uniquingKeysWith: { a, _ in a })
        for item in media {
            files[item.file] = Array("version https://git-lfs.github.com/spec/v1\noid sha256:\(Digest.sha256(item.bytes))\nsize \(item.bytes.count)\n".utf8)
        }
        let commit = try self.commit(uai, badge: badge, files: files)
        let criterion = hub.catalogue.badge(badge)?.criteria.first?.id ?? "c1"
        let at = Self.now.addingTimeInterval(-daysAgo * 86400)
        var submission = Submission(uai: uai, badge: badge, tag: "submissions/\(badge)/2026-02-2\(n)-1", tagTarget: commit, commit: commit,
                                    kind: .first, submittedAt: at, ingestedAt: at, ready: true, problems: [], message: message)
        submission.state = .submitted
        let records = evidence.map {
            EvidenceRecord(submissionID: 0, evidenceID: $0.id, criterion: $0.criterion.isEmpty ? criterion : $0.criterion, title: $0.title,
                           path: $0.file, sha256: nil, size: $0.bytes.count, url: nil, kind: nil)
        } + media.map {
            EvidenceRecord(submissionID: 0, evidenceID: $0.id, criterion: criterion, title: $0.id, path: $0.file,
                           sha256: Digest.sha256($0.bytes), size: $0.bytes.count, url: nil, kind: nil, media: true)
        } + links.map {
            EvidenceRecord(submissionID: 0, evidenceID: $0.id, criterion: $0.criterion.isEmpty ? criterion : $0.criterion, title: $0.title,
                           path: nil, sha256: nil, size: nil, url: $0.url, kind: "web")
        }
        _ = title
        return try hub.store.write { tx in
            for var open in try tx.submissions(uai: uai, badge: badge) where open.state.isOpen {
                open.state = .superseded
                try tx.update(open)
            }
            return try tx.insert(submission, evidence: records)
        }
    }

    /// Puts a media object in a path remote's media store (`<repository>/lfs/objects/…`).
    static func storeMedia(_ bytes: [UInt8], inRepository path: String) throws {
        let oid = Digest.sha256(bytes)
        let folder = "\(path)/lfs/objects/\(oid.prefix(2))/\(oid.dropFirst(2).prefix(2))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + oid))
    }

    func votes(_ uai: String, _ badge: String) throws -> [Vote] {
        try hub.view(uai: uai, badge: badge) { _ in nil }.votes
    }
}

/// A browser's cookies and the last page's form token, over HummingbirdTesting's client.
struct Browser {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var headers: HTTPFields = [:]

    init(_ client: any TestClientProtocol) { self.client = client }

    var cookieHeader: String { cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }

    mutating func get(_ uri: String) async throws -> TestResponse {
        var headers = self.headers
        if !cookies.isEmpty { headers[.cookie] = cookieHeader }
        let response = try await client.execute(uri: uri, method: .get, headers: headers, body: nil)
        remember(response)
        return response
    }

    mutating func post(_ uri: String, _ fields: [(String, String)], contentType: String = "application/x-www-form-urlencoded") async throws -> TestResponse {
        try await post(uri, raw: Self.encode(fields), contentType: contentType)
    }

    mutating func post(_ uri: String, raw: String, contentType: String = "application/x-www-form-urlencoded") async throws -> TestResponse {
        var headers = self.headers
        headers[.contentType] = contentType
        if !cookies.isEmpty { headers[.cookie] = cookieHeader }
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: raw))
        remember(response)
        return response
    }

    mutating func remember(_ response: TestResponse) {
        for field in response.headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            let name = String(pair[0]), value = String(pair[1])
            if value.isEmpty || field.value.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
    }

    /// Signs in (the sign-in page first, for its form token).
    mutating func signIn(_ member: String, password: String = WebFixture.password) async throws -> TestResponse {
        let form = try await get("/signin")
        return try await post("/signin", [("csrf", Self.csrf(in: form) ?? ""), ("member", member), ("password", password), ("next", "/queue")])
    }

    /// The form token in a page.
    static func csrf(in response: TestResponse) -> String? {
        let text = String(buffer: response.body)
        guard let range = text.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(text[range.upperBound...].prefix { $0 != "\"" })
    }

    static func encode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&")
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
