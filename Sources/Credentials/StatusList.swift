public import Foundation
public import LinkedData
internal import CompressNIO
internal import NIOCore

/// A W3C Bitstring Status List (https://www.w3.org/TR/vc-bitstring-status-list/) for revocation:
/// bit `i` set = credential with `statusListIndex` `i` revoked; index 0 is the most significant bit
/// of the first byte. Encoded as multibase `u` + base64url(GZIP(bits)); 131,072 entries (16 KB) at
/// least, the minimum the specification sets for herd privacy.
public struct StatusList: Sendable, Equatable {
    public static let minimumLength = 131_072
    public private(set) var bytes: [UInt8]

    public init(length: Int = StatusList.minimumLength) {
        bytes = [UInt8](repeating: 0, count: (max(length, Self.minimumLength) + 7) / 8)
    }

    public var count: Int { bytes.count * 8 }

    public func isSet(_ index: Int) throws(CredentialError) -> Bool {
        guard index >= 0, index < count else { throw .statusList("index \(index) out of range") }
        return bytes[index / 8] & (0x80 >> UInt8(index % 8)) != 0
    }

    public mutating func set(_ index: Int, _ value: Bool = true) throws(CredentialError) {
        guard index >= 0, index < count else { throw .statusList("index \(index) out of range") }
        if value { bytes[index / 8] |= 0x80 >> UInt8(index % 8) } else { bytes[index / 8] &= ~(0x80 >> UInt8(index % 8)) }
    }

    /// `u…`: multibase base64url (no padding) of the GZIP-compressed bits.
    public func encoded() throws(CredentialError) -> String {
        var buffer = ByteBuffer(bytes: bytes)
        guard var compressed = try? buffer.compress(with: .gzip()) else { throw .statusList("compression failed") }
        return "u" + Base64URL.encode(compressed.readBytes(length: compressed.readableBytes) ?? [])
    }

    /// Decodes an `encodedList`; refuses more than `maximumBytes` once inflated (a decompression bomb).
    public init(encoded: String, maximumBytes: Int = 16 * 1024 * 1024) throws(CredentialError) {
        guard encoded.hasPrefix("u"), let compressed = Base64URL.decode(encoded.dropFirst()) else {
            throw .statusList("encodedList is not multibase base64url")
        }
        var buffer = ByteBuffer(bytes: compressed)
        guard var inflated = try? buffer.decompress(with: .gzip(), maxSize: maximumBytes) else {
            throw .statusList("encodedList does not inflate")
        }
        bytes = inflated.readBytes(length: inflated.readableBytes) ?? []
        guard !bytes.isEmpty else { throw .statusList("empty list") }
    }

    /// The unsigned `BitstringStatusListCredential` publishing this list at `url`.
    public func credential(url: String, issuer: String, validFrom: Date, validUntil: Date? = nil) throws(CredentialError) -> JSONValue {
        var object = JSONObject([
            ("@context", [.string(PinnedContexts.credentialsV2)]),
            ("id", .string(url)),
            ("type", ["VerifiableCredential", "BitstringStatusListCredential"]),
            ("issuer", .string(issuer)),
            ("validFrom", .string(Timestamp.iso(validFrom))),
        ])
        if let validUntil { object["validUntil"] = .string(Timestamp.iso(validUntil)) }
        object["credentialSubject"] = [
            "id": .string(url + "#list"), "type": "BitstringStatusList", "statusPurpose": "revocation",
            "encodedList": .string(try encoded()),
        ]
        return .object(object)
    }

    /// The `credentialStatus` entry of the credential holding `index` in the list at `url`.
    public static func entry(url: String, index: Int) -> JSONValue {
        [
            "id": .string("\(url)#\(index)"), "type": "BitstringStatusListEntry", "statusPurpose": "revocation",
            "statusListIndex": .string(String(index)), "statusListCredential": .string(url),
        ]
    }
}
