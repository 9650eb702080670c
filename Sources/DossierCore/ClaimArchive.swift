internal import Crypto
import Foundation

/// A parsed claim in a compact binary form, so that a `claim.yaml` blob is parsed once and read
/// back by later processes in a fraction of the parse (`ClaimCache` keeps them by blob id in
/// `.git/dossier/claims/`). Everything the parse gives is kept, evidence lines included.
///
/// Layout: `DCLM`, a format byte, the SHA-256 of the payload, the payload. Strings are a 32-bit
/// length and UTF-8; optionals a presence byte. Any damage (truncation, a flipped byte, another
/// format) makes `decode` answer nil, and the caller parses the blob again.
public enum ClaimArchive {
    static let magic: [UInt8] = Array("DCLM".utf8)
    static let format: UInt8 = 1

    public static func encode(_ claim: Claim) -> [UInt8] {
        var payload = Writer()
        payload.byte(claim.status == .ready ? 1 : 0)
        payload.string(claim.narrative)
        payload.optionalInt(claim.level)
        payload.optionalInt(claim.coverage?.covered)
        payload.optionalInt(claim.coverage?.total)
        payload.int(claim.evidence.count)
        for evidence in claim.evidence {
            payload.string(evidence.id)
            payload.string(evidence.title)
            payload.string(evidence.criterion)
            payload.optionalInt(evidence.line)
            switch evidence.location {
            case .file(let path, let sha256, let size):
                payload.byte(0)
                payload.string(path)
                payload.optionalString(sha256)
                payload.optionalInt(size)
            case .url(let url, let kind):
                payload.byte(1)
                payload.string(url)
                payload.string(kind.rawValue)
            }
        }
        return magic + [format] + Array(SHA256.hash(data: payload.bytes)) + payload.bytes
    }

    public static func decode(_ bytes: [UInt8]) -> Claim? {
        let header = magic.count + 1 + SHA256.byteCount
        guard bytes.count >= header, Array(bytes[0..<magic.count]) == magic, bytes[magic.count] == format else { return nil }
        return bytes.withUnsafeBufferPointer { all -> Claim? in
            let payload = UnsafeBufferPointer(rebasing: all[header...])
            guard Array(SHA256.hash(data: UnsafeRawBufferPointer(payload))) == Array(all[(magic.count + 1)..<header]) else { return nil }
            var reader = Reader(bytes: payload)
            return reader.claim()
        }
    }

    private struct Writer {
        var bytes: [UInt8] = []
        mutating func byte(_ value: UInt8) { bytes.append(value) }
        mutating func int(_ value: Int) {
            withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
        }
        mutating func string(_ value: String) {
            var value = value
            value.withUTF8 { utf8 in
                withUnsafeBytes(of: UInt32(utf8.count).littleEndian) { bytes.append(contentsOf: $0) }
                bytes.append(contentsOf: utf8)
            }
        }
        mutating func optionalInt(_ value: Int?) {
            byte(value == nil ? 0 : 1)
            if let value { int(value) }
        }
        mutating func optionalString(_ value: String?) {
            byte(value == nil ? 0 : 1)
            if let value { string(value) }
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func claim() -> Claim? {
            guard let status = byte(), status <= 1, let narrative = string(), let level = optionalInt(),
                  let covered = optionalInt(), let total = optionalInt(), let count = int(), count >= 0 else { return nil }
            var claim = Claim(status: status == 1 ? .ready : .draft, narrative: narrative, level: level)
            switch (covered, total) {
            case (nil, nil): break
            case (let covered?, let total?):
                guard let coverage = Coverage("\(covered)/\(total)") else { return nil }
                claim.coverage = coverage
            default: return nil
            }
            claim.evidence.reserveCapacity(min(count, bytes.count))
            for _ in 0..<count {
                guard let id = string(), let title = string(), let criterion = string(), let line = optionalInt(),
                      let tag = byte() else { return nil }
                let location: Evidence.Location
                switch tag {
                case 0:
                    guard let path = string(), let sha256 = optionalString(), let size = optionalInt() else { return nil }
                    location = .file(path: path, sha256: sha256, size: size)
                case 1:
                    guard let url = string(), let kindName = string(), let kind = Evidence.Kind(rawValue: kindName) else { return nil }
                    location = .url(url, kind: kind)
                default:
                    return nil
                }
                claim.evidence.append(Evidence(id: id, title: title, criterion: criterion, location: location, line: line))
            }
            return offset == bytes.count ? claim : nil
        }

        mutating func byte() -> UInt8? {
            guard offset < bytes.count else { return nil }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func int() -> Int? {
            guard offset + 8 <= bytes.count else { return nil }
            var value: Int64 = 0
            withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[offset..<(offset + 8)]))) }
            offset += 8
            return Int(Int64(littleEndian: value))
        }

        mutating func string() -> String? {
            guard offset + 4 <= bytes.count else { return nil }
            var length: UInt32 = 0
            withUnsafeMutableBytes(of: &length) { $0.copyMemory(from: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[offset..<(offset + 4)]))) }
            let count = Int(UInt32(littleEndian: length))
            offset += 4
            guard count <= bytes.count - offset else { return nil }
            defer { offset += count }
            return String(validating: UnsafeBufferPointer(rebasing: bytes[offset..<(offset + count)]), as: UTF8.self)
        }

        /// `.some(nil)` when absent, nil when the bytes are damaged.
        mutating func optionalInt() -> Int?? {
            guard let present = byte(), present <= 1 else { return nil }
            if present == 0 { return .some(nil) }
            guard let value = int() else { return nil }
            return .some(value)
        }

        mutating func optionalString() -> String?? {
            guard let present = byte(), present <= 1 else { return nil }
            if present == 0 { return .some(nil) }
            guard let value = string() else { return nil }
            return .some(value)
        }
    }
}
