import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `multipart/form-data` body parsed as it arrives, in bounded memory: the caller feeds the bytes
/// as they come and receives each part's headers, its content in slices, and its end. Only the
/// bytes that might begin a delimiter are kept between two feeds (plus a part's headers, at most
/// `maxHeaderBytes`), so a body of any size goes through a few kilobytes.
struct UploadMultipart {
    /// One part's headers, as the browser sends them.
    struct Part: Equatable {
        /// The form field's name.
        var name: String?
        /// The file's name as sent (nil for a plain field). Percent-escapes browsers write for `"`,
        /// CR and LF are decoded; nothing else is touched.
        var filename: String?
        /// The raw bytes of `filename` were not UTF-8.
        var filenameNotUTF8 = false
        var contentType: String?
    }

    enum Event {
        case begin(Part)
        /// Bytes of the current part: valid only during the call.
        case bytes(UnsafeRawBufferPointer)
        case end
    }

    enum Failure: Error, Equatable {
        /// The body does not follow the multipart syntax.
        case malformed
        /// The body stopped before its closing delimiter (an upload cut in the middle).
        case incomplete
        case headersTooLarge
    }

    private enum State { case preamble, afterDelimiter, headers, body, done }

    static let maxHeaderBytes = 16 * 1024
    /// `CRLF--boundary`: the first delimiter is found the same way once a CRLF is put before the body.
    private let delimiter: [UInt8]
    private var pending: [UInt8] = [13, 10]
    private var state = State.preamble

    /// The parser for a `Content-Type: multipart/form-data; boundary=…` header, or nil.
    init?(contentType: String) {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        guard let parameter = parts.dropFirst().first(where: { $0.lowercased().hasPrefix("boundary=") }) else { return nil }
        var boundary = String(parameter.dropFirst("boundary=".count))
        if boundary.hasPrefix("\""), boundary.hasSuffix("\""), boundary.count >= 2 { boundary = String(boundary.dropFirst().dropLast()) }
        guard (1...70).contains(boundary.utf8.count), boundary.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else { return nil }
        delimiter = Array("\r\n--\(boundary)".utf8)
    }

    /// Whether the closing delimiter was read.
    var isComplete: Bool { state == .done }

    /// Parses `bytes`, calling `handle` for each event; throws what `handle` throws.
    mutating func feed(_ bytes: UnsafeRawBufferPointer, _ handle: (Event) throws -> Void) throws {
        guard state != .done else { return }  // the epilogue is ignored
        pending.append(contentsOf: bytes)
        var consumed = 0
        defer { pending.removeFirst(consumed) }
        while true {
            let available = pending.count - consumed
            switch state {
            case .done:
                consumed = pending.count
                return
            case .preamble:
                if let found = find(delimiter, from: consumed) {
                    consumed = found + delimiter.count
                    state = .afterDelimiter
                } else {
                    consumed = max(consumed, pending.count - (delimiter.count - 1))
                    return
                }
            case .afterDelimiter:
                // `--` closes the body; else optional spaces then CRLF open the next part.
                guard available >= 2 else { return }
                if pending[consumed] == UInt8(ascii: "-"), pending[consumed + 1] == UInt8(ascii: "-") {
                    state = .done
                    consumed = pending.count
                    return
                }
                var index = consumed
                while index < pending.count, pending[index] == 32 || pending[index] == 9 { index += 1 }
                guard index + 1 < pending.count else {
                    if index - consumed > 64 { throw Failure.malformed }
                    return
                }
                guard pending[index] == 13, pending[index + 1] == 10 else { throw Failure.malformed }
                consumed = index + 2
                state = .headers
            case .headers:
                if available >= 2, pending[consumed] == 13, pending[consumed + 1] == 10 {
                    consumed += 2
                    state = .body
                    try handle(.begin(Part()))
                    continue
                }
                guard let end = find([13, 10, 13, 10], from: consumed) else {
                    if available > Self.maxHeaderBytes { throw Failure.headersTooLarge }
                    return
                }
                guard end - consumed <= Self.maxHeaderBytes else { throw Failure.headersTooLarge }
                let part = try Self.part(Array(pending[consumed..<end]))
                consumed = end + 4
                state = .body
                try handle(.begin(part))
            case .body:
                if let found = find(delimiter, from: consumed) {
                    if found > consumed { try emit(consumed..<found, handle) }
                    consumed = found + delimiter.count
                    state = .afterDelimiter
                    try handle(.end)
                } else {
                    let safe = pending.count - (delimiter.count - 1)
                    if safe > consumed {
                        try emit(consumed..<safe, handle)
                        consumed = safe
                    }
                    return
                }
            }
        }
    }

    /// Throws `incomplete` unless the closing delimiter was read.
    func finish() throws {
        guard state == .done else { throw Failure.incomplete }
    }

    private func emit(_ range: Range<Int>, _ handle: (Event) throws -> Void) throws {
        try pending.withUnsafeBytes { all in
            try handle(.bytes(UnsafeRawBufferPointer(rebasing: all[range])))
        }
    }

    /// The first occurrence of `needle` at or after `start`: `memchr` for its first byte, then `memcmp`.
    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard pending.count - start >= needle.count, let first = needle.first else { return nil }
        return pending.withUnsafeBytes { haystack in
            needle.withUnsafeBytes { needle in
                let base = haystack.baseAddress!
                var offset = start
                let last = haystack.count - needle.count
                while offset <= last {
                    guard let hit = memchr(base + offset, Int32(first), last - offset + 1) else { return nil }
                    let position = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + position, needle.baseAddress!, needle.count) == 0 { return position }
                    offset = position + 1
                }
                return nil
            }
        }
    }

    /// The part's headers: `Content-Disposition` (name, filename) and `Content-Type`.
    static func part(_ bytes: [UInt8]) throws -> Part {
        var part = Part()
        for line in split(bytes) where !line.isEmpty {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { throw Failure.malformed }
            let name = String(decoding: line[..<colon], as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased()
            let value = Array(line[(colon + 1)...])
            switch name {
            case "content-disposition": try disposition(value, into: &part)
            case "content-type": part.contentType = String(decoding: value, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            default: continue
            }
        }
        return part
    }

    private static func split(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == 13, index + 1 < bytes.count, bytes[index + 1] == 10 {
                lines.append(bytes[start..<index])
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        lines.append(bytes[start..<bytes.count])
        return lines
    }

    /// `form-data; name="files"; filename="a.pdf"` — quoted values are taken literally up to the
    /// next quote (browsers escape a quote in a name as `%22`, and no backslash).
    private static func disposition(_ value: [UInt8], into part: inout Part) throws {
        var index = 0
        func skipSpaces() { while index < value.count, value[index] == 32 || value[index] == 9 { index += 1 } }
        // The disposition type.
        while index < value.count, value[index] != UInt8(ascii: ";") { index += 1 }
        var extendedName: String?
        while index < value.count {
            index += 1  // the ';'
            skipSpaces()
            let keyStart = index
            while index < value.count, value[index] != UInt8(ascii: "="), value[index] != UInt8(ascii: ";") { index += 1 }
            let key = String(decoding: value[keyStart..<index], as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased()
            guard index < value.count, value[index] == UInt8(ascii: "=") else { continue }
            index += 1
            skipSpaces()
            var raw: ArraySlice<UInt8>
            if index < value.count, value[index] == UInt8(ascii: "\"") {
                let start = index + 1
                guard let close = value[start...].firstIndex(of: UInt8(ascii: "\"")) else { throw Failure.malformed }
                raw = value[start..<close]
                index = close + 1
                while index < value.count, value[index] != UInt8(ascii: ";") { index += 1 }
            } else {
                let start = index
                while index < value.count, value[index] != UInt8(ascii: ";") { index += 1 }
                raw = value[start..<index]
                while let last = raw.last, last == 32 || last == 9 { raw = raw.dropLast() }
            }
            switch key {
            case "name": part.name = String(decoding: raw, as: UTF8.self)
            case "filename":
                if let text = String(validating: raw, as: UTF8.self) {
                    part.filename = text.replacingOccurrences(of: "%22", with: "\"").replacingOccurrences(of: "%0D", with: "\r")
                        .replacingOccurrences(of: "%0A", with: "\n")
                } else {
                    part.filename = String(decoding: raw, as: UTF8.self)
                    part.filenameNotUTF8 = true
                }
            case "filename*":
                // RFC 5987: UTF-8''percent-encoded
                let text = String(decoding: raw, as: UTF8.self)
                if text.lowercased().hasPrefix("utf-8''") { extendedName = String(text.dropFirst(7)).removingPercentEncoding }
            default: continue
            }
        }
        if let extendedName { part.filename = extendedName; part.filenameNotUTF8 = false }
    }
}
