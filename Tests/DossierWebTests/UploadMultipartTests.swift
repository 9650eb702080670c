import Foundation
import Testing
@testable import DossierWeb

/// The incremental multipart parser: the same parts whatever the chunking, a body cut before its
/// closing delimiter refused, file names read as browsers write them.
@Suite struct UploadMultipartTests {
    static let boundary = "----dossierB0undary"

    /// Events as text: fields and files with their bytes.
    static func parse(_ body: [UInt8], chunk: Int, contentType: String = "multipart/form-data; boundary=\(boundary)") throws -> (parts: [(UploadMultipart.Part, [UInt8])], complete: Bool) {
        var parser = try #require(UploadMultipart(contentType: contentType))
        var parts: [(UploadMultipart.Part, [UInt8])] = []
        var index = 0
        while index < body.count {
            let end = min(body.count, index + chunk)
            try Array(body[index..<end]).withUnsafeBytes { bytes in
                try parser.feed(bytes) { event in
                    switch event {
                    case .begin(let part): parts.append((part, []))
                    case .bytes(let bytes): parts[parts.count - 1].1.append(contentsOf: bytes)
                    case .end: break
                    }
                }
            }
            index = end
        }
        return (parts, parser.isComplete)
    }

    static func body(_ parts: [(headers: String, content: [UInt8])], close: Bool = true) -> [UInt8] {
        var out: [UInt8] = []
        for part in parts {
            out += Array("--\(boundary)\r\n\(part.headers)\r\n\r\n".utf8) + part.content + Array("\r\n".utf8)
        }
        if close { out += Array("--\(boundary)--\r\n".utf8) }
        return out
    }

    @Test(arguments: [1, 2, 7, 40, 1 << 20])
    func theSamePartsWhateverTheChunking(chunk: Int) throws {
        // File content that looks like delimiters without being one.
        let tricky = Array("line\r\n--\(Self.boundary.dropLast())x\r\n--\r\n\r\n-".utf8) + (0..<300).map { UInt8($0 % 256) }
        let body = Self.body([
            ("Content-Disposition: form-data; name=\"csrf\"", Array("tok".utf8)),
            ("Content-Disposition: form-data; name=\"files\"; filename=\"Vidéo métiers.mp4\"\r\nContent-Type: video/mp4", tricky),
            ("Content-Disposition: form-data; name=\"empty\"", []),
        ])
        let (parts, complete) = try Self.parse(Array("preamble\r\n".utf8) + body + Array("epilogue".utf8), chunk: chunk)
        #expect(complete)
        #expect(parts.count == 3)
        #expect(parts[0].0.name == "csrf" && parts[0].0.filename == nil && parts[0].1 == Array("tok".utf8))
        #expect(parts[1].0.name == "files" && parts[1].0.filename == "Vidéo métiers.mp4" && parts[1].0.contentType == "video/mp4")
        #expect(parts[1].1 == tricky)
        #expect(parts[2].0.name == "empty" && parts[2].1.isEmpty)
    }

    @Test(arguments: [3, 1 << 20])
    func aBodyCutInTheMiddleIsIncomplete(chunk: Int) throws {
        let whole = Self.body([("Content-Disposition: form-data; name=\"files\"; filename=\"a.bin\"", [UInt8](repeating: 7, count: 1000))])
        let (_, complete) = try Self.parse(Array(whole.prefix(600)), chunk: chunk)
        #expect(!complete)
        var parser = try #require(UploadMultipart(contentType: "multipart/form-data; boundary=\(Self.boundary)"))
        try Array(whole.prefix(600)).withUnsafeBytes { bytes in try parser.feed(bytes) { _ in } }
        #expect(throws: UploadMultipart.Failure.incomplete) { try parser.finish() }
    }

    @Test func fileNamesAreReadAsBrowsersWriteThem() throws {
        let body = Self.body([
            ("Content-Disposition: form-data; name=\"f\"; filename=\"a%22b;c.txt\"", []),
            ("Content-Disposition: form-data; name=\"g\"; filename=\"..\\\\x\\\\evil.txt\"", []),
            ("Content-Disposition: form-data; name=\"h\"; filename=\"line%0Abreak\"", []),
            ("Content-Disposition: form-data; name=\"i\"; filename*=UTF-8''%C3%A9t%C3%A9.pdf", []),
        ])
        let parts = try Self.parse(body, chunk: 5).parts.map(\.0)
        #expect(parts.map(\.filename) == ["a\"b;c.txt", "..\\\\x\\\\evil.txt", "line\nbreak", "été.pdf"])
        var raw = Array("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"f\"; filename=\"".utf8)
        raw += [0xFF, 0xFE, 0x41] + Array("\"\r\n\r\nx\r\n--\(Self.boundary)--".utf8)
        let bad = try Self.parse(raw, chunk: 4).parts
        #expect(bad.first?.0.filenameNotUTF8 == true)
    }

    @Test func malformedInputIsRefused() throws {
        #expect(UploadMultipart(contentType: "application/x-www-form-urlencoded") == nil)
        #expect(UploadMultipart(contentType: "multipart/form-data") == nil)
        let garbage = Array("--\(Self.boundary)XYZ\r\n".utf8)
        #expect(throws: UploadMultipart.Failure.malformed) { _ = try Self.parse(garbage, chunk: 100) }
        let huge = Array("--\(Self.boundary)\r\nX-Long: \(String(repeating: "a", count: 20_000))".utf8)
        #expect(throws: UploadMultipart.Failure.headersTooLarge) { _ = try Self.parse(huge, chunk: 1000) }
    }

    @Test func namesThatArePathTricksAreRefused() {
        for (name, problem) in [("../evil", UploadError.NameProblem.path), ("a/b", .path), ("a\\b", .path), (".git", .hidden),
                                (".gitattributes", .hidden), ("..", .path), (".", .path), ("x\u{0}y", .control), ("a\nb", .control),
                                ("", .empty), ("   ", .empty), (String(repeating: "é", count: 200), .tooLong), ("bad\u{FFFD}", .notUTF8)] {
            #expect(UploadError.problem(name) == problem, "\(name.debugDescription)")
        }
        for name in ["charte.pdf", "Vidéo métiers (2).mp4", "a..b.txt", "rapport final.docx"] {
            #expect(UploadError.problem(name) == nil, "\(name)")
        }
    }
}
