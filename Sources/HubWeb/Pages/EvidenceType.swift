import Foundation
import WebLayer

/// What an evidence file is, decided from its name AND its bytes: a name the bytes do not bear out
/// (a `.pdf` that is HTML) makes it an opaque download.
enum EvidenceType: Equatable {
    case text, markdown, image(String), pdf, video(String), download

    /// The type the file name claims, checked against the first bytes.
    static func classify(name: String, head: [UInt8]) -> EvidenceType {
        let ext = (name as NSString).pathExtension.lowercased()
        switch ext {
        case "txt", "text", "csv", "log", "html", "htm", "xml", "json", "yaml", "yml":
            return isText(head) ? .text : .download
        case "md", "markdown":
            return isText(head) ? .markdown : .download
        case "png": return starts(head, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? .image("image/png") : .download
        case "jpg", "jpeg": return starts(head, [0xFF, 0xD8, 0xFF]) ? .image("image/jpeg") : .download
        case "gif": return (starts(head, Array("GIF87a".utf8)) || starts(head, Array("GIF89a".utf8))) ? .image("image/gif") : .download
        case "webp": return starts(head, Array("RIFF".utf8)) && Array(head.dropFirst(8).prefix(4)) == Array("WEBP".utf8) ? .image("image/webp") : .download
        case "svg":
            // Shown only through <img> (no script runs there) and served under a sandbox policy.
            return isText(head) && String(decoding: head.prefix(4096), as: UTF8.self).lowercased().contains("<svg") ? .image("image/svg+xml") : .download
        case "pdf":
            // The magic must open the file (within the first 1024 bytes, as readers accept), and
            // nothing before it may look like markup.
            guard let start = find(head.prefix(1024), Array("%PDF-".utf8)) else { return .download }
            return head.prefix(start).contains(0x3C) ? .download : .pdf
        case "mp4", "m4v", "mov":
            return Array(head.dropFirst(4).prefix(4)) == Array("ftyp".utf8) ? .video(ext == "mov" ? "video/quicktime" : "video/mp4") : .download
        case "webm": return starts(head, [0x1A, 0x45, 0xDF, 0xA3]) ? .video("video/webm") : .download
        case "ogv", "ogg": return starts(head, Array("OggS".utf8)) ? .video("video/ogg") : .download
        default: return .download
        }
    }

    /// The content type the raw bytes are served with.
    var contentType: String {
        switch self {
        case .text, .markdown: "text/plain; charset=utf-8"
        case .image(let type), .video(let type): type
        case .pdf: "application/pdf"
        case .download: "application/octet-stream"
        }
    }

    /// Whether a browser may show it in place (else `Content-Disposition: attachment`).
    var inline: Bool { self != .download }

    static func isText(_ bytes: [UInt8]) -> Bool {
        guard !bytes.contains(0) else { return false }
        let limit = 64 * 1024
        if bytes.count <= limit { return String(validating: bytes, as: UTF8.self) != nil }
        // A long text read in part: the cut may split one character.
        let head = bytes.prefix(limit)
        return (0...3).contains { String(validating: head.dropLast($0), as: UTF8.self) != nil }
    }

    static func starts(_ bytes: [UInt8], _ prefix: [UInt8]) -> Bool { bytes.count >= prefix.count && Array(bytes.prefix(prefix.count)) == prefix }

    static func find(_ bytes: ArraySlice<UInt8>, _ needle: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        let array = Array(bytes)
        for index in 0...(array.count - needle.count) where Array(array[index..<index + needle.count]) == needle { return index }
        return nil
    }
}
