import DossierCore
import DossierRepository
import Foundation
import Git
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Remote
@testable import DossierWeb

/// A dossier in a temporary folder (or an empty folder, for the first steps) and the CFA's
/// application over it, driven through its router with a browser that keeps cookies and sends the
/// `Host` header of the server.
final class UIFixture: @unchecked Sendable {
    static let uai = "0141234R"
    static let port = 48213
    static let today = Day("2026-03-02") ?? Day(Date())

    let folder: String
    let app: UIApp
    var root: String { folder + "/dossier" }

    /// With `dossier`, a new dossier (a first save of draft claims); without, an empty folder.
    init(dossier: Bool = true, name: String = "CFA du Bâtiment de Caen") throws {
        folder = NSTemporaryDirectory() + "dossierweb-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder + "/dossier", withIntermediateDirectories: true)
        let catalogue = try Catalogue.builtin()
        if dossier {
            _ = try Workspace.create(at: folder + "/dossier", identity: DossierIdentity(uai: Self.uai, name: name), sample: nil,
                                     catalogue: catalogue, message: "Création du dossier", author: Signature(name: "Claire", email: "claire@example.fr"))
        }
        var settings = UISettings(folder: folder + "/dossier", catalogue: catalogue) { _ in
            RemoteOptions(credentials: CredentialSource(environment: [:], home: NSTemporaryDirectory(), sshKey: nil),
                          knownHosts: .standard(environment: [:], home: NSTemporaryDirectory()), timeout: 10) { _ in }
        }
        settings.today = { Self.today }
        app = UIApp(settings: settings)
        app.assumePort(Self.port)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// Runs `body` against the application's router (no socket), with a fresh browser that has not
    /// opened the launch address yet.
    func run(_ body: @escaping @Sendable (inout UIBrowser) async throws -> Void) async throws {
        let application = Application(router: app.router())
        let token = app.session.launchToken
        try await application.test(.router) { client in
            var browser = UIBrowser(client, launchToken: token)
            try await body(&browser)
        }
    }
}

struct OpenFailed: Error, CustomStringConvertible {
    let status: Int
    let body: String
    var description: String { "the launch address answered \(status): \(body.prefix(400))" }
}

/// A browser: cookies kept, the server's `Host` sent.
struct UIBrowser {
    let client: any TestClientProtocol
    let launchToken: String
    var cookies: [String: String] = [:]
    var host = "127.0.0.1:\(UIFixture.port)"

    init(_ client: any TestClientProtocol, launchToken: String) {
        self.client = client
        self.launchToken = launchToken
    }

    /// Opens the launch address (as the command does): the session cookie is set.
    mutating func open() async throws {
        let response = try await get("/open?token=\(launchToken)")
        guard response.status == .seeOther, cookies[UISession.cookieName] != nil else {
            throw OpenFailed(status: response.status.code, body: response.text)
        }
    }

    var headers: HTTPFields {
        var headers: HTTPFields = [HTTPField.Name("Host")!: host]
        if !cookies.isEmpty { headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        return headers
    }

    mutating func get(_ uri: String) async throws -> TestResponse {
        let response = try await client.execute(uri: uri, method: .get, headers: headers, body: nil)
        remember(response)
        return response
    }

    mutating func post(_ uri: String, _ fields: [(String, String)]) async throws -> TestResponse {
        var headers = self.headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: Self.encode(fields)))
        remember(response)
        return response
    }

    /// Posts a form with the page's CSRF token (read from `page`'s HTML).
    mutating func submit(_ uri: String, from page: TestResponse, _ fields: [(String, String)]) async throws -> TestResponse {
        try await post(uri, [("csrf", Self.csrf(in: page) ?? "")] + fields)
    }

    mutating func remember(_ response: TestResponse) {
        for field in response.headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            cookies[String(pair[0])] = pair[1].isEmpty ? nil : String(pair[1])
        }
    }

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
