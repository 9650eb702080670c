import DossierCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import DossierWeb

/// What the badge page tests share: the page's hidden values, a multipart post, and a snapshot of
/// every file of the dossier (working files and the tool's own under `.git/dossier`) to show that a
/// refused form wrote nothing.
extension UIBrowser {
    static func hidden(_ name: String, in response: TestResponse) -> String? {
        let text = response.text
        guard let range = text.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(text[range.upperBound...].prefix { $0 != "\"" })
    }

    /// Posts `parts` as `multipart/form-data` (a file part: its name given; `close` false cuts the
    /// body before its closing delimiter).
    mutating func postMultipart(_ uri: String, _ parts: [UploadPart], close: Bool = true) async throws -> TestResponse {
        let boundary = "----test\(UUID().uuidString.prefix(8))"
        var body: [UInt8] = []
        for part in parts {
            var disposition = "form-data; name=\"\(part.name)\""
            if let filename = part.filename { disposition += "; filename=\"\(filename)\"" }
            body += Array("--\(boundary)\r\nContent-Disposition: \(disposition)\r\n".utf8)
            if part.filename != nil { body += Array("Content-Type: application/octet-stream\r\n".utf8) }
            body += Array("\r\n".utf8) + part.content + Array("\r\n".utf8)
        }
        if close { body += Array("--\(boundary)--\r\n".utf8) }
        var headers = self.headers
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: body))
        remember(response)
        return response
    }
}

struct UploadPart {
    var name: String
    var filename: String?
    var content: [UInt8]

    static func field(_ name: String, _ value: String) -> UploadPart { UploadPart(name: name, filename: nil, content: Array(value.utf8)) }
    static func file(_ filename: String, _ content: [UInt8], name: String = "files") -> UploadPart { UploadPart(name: name, filename: filename, content: content) }
}

extension UIFixture {
    /// Every file below the dossier (including `.git/dossier`, but not git's objects and index) with its bytes' hash.
    func snapshot() -> [String: String] {
        var result: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            if path.hasPrefix(".git/"), !path.hasPrefix(".git/dossier") { continue }
            if path.hasPrefix(".git/dossier/claims") { continue }   // derived: claims parsed by blob id (TestServers.derivedCaches)
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isFolder)
            if isFolder.boolValue { result[path + "/"] = "folder"; continue }
            result[path] = (FileManager.default.contents(atPath: root + "/" + path)).map { Digest.sha256([UInt8]($0)) } ?? "?"
        }
        // An empty uploads or trash folder holds nothing.
        for key in result.keys where key.hasSuffix("/") && (key.hasPrefix(".git/dossier/uploads") || key.hasPrefix(".git/dossier/trash")) {
            result[key] = nil
        }
        return result
    }

    func claimText(_ badge: String) -> String {
        (try? String(contentsOfFile: root + "/" + Claim.path(badge: badge), encoding: .utf8)) ?? ""
    }

    func claim(_ badge: String) throws -> Claim {
        guard let found = app.settings.catalogue.badge(badge) else { throw DossierError(.unknownBadge(badge)) }
        return try DossierEditor(root: root, catalogue: app.settings.catalogue).claim(found)
    }
}
