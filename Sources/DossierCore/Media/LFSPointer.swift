/// A git-lfs pointer file (spec v1): what git stores in place of a large file's content.
///
/// ```
/// version https://git-lfs.github.com/spec/v1
/// oid sha256:<64 lowercase hex digits>
/// size <bytes>
/// ```
public struct LFSPointer: Sendable, Equatable, Hashable {
    public let oid: String
    public let size: Int

    public static let version = "https://git-lfs.github.com/spec/v1"
    /// Pointer files are small; anything larger is content, not a pointer.
    public static let maximumSize = 1024

    public init?(oid: String, size: Int) {
        guard Self.isValidOID(oid), size >= 0 else { return nil }
        self.oid = oid
        self.size = size
    }

    /// The pointer's bytes, exactly as git-lfs writes them.
    public var text: String { "version \(Self.version)\noid sha256:\(oid)\nsize \(size)\n" }

    /// Parses a pointer strictly: the version line first, then `oid` and `size` (extra keys,
    /// sorted, are allowed by the spec), each line ending with a newline.
    public static func parse(_ bytes: some BidirectionalCollection<UInt8>) -> LFSPointer? {
        guard bytes.count <= maximumSize, bytes.count > 0, bytes.last == UInt8(ascii: "\n") else { return nil }
        guard let text = String(validating: Array(bytes), as: UTF8.self) else { return nil }
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == "version \(version)" else { return nil }
        var oid: String?, size: Int?
        var previousKey = ""
        for line in lines.dropFirst() {
            guard let space = line.firstIndex(of: " ") else { return nil }
            let key = String(line[..<space]), value = String(line[line.index(after: space)...])
            guard key > previousKey else { return nil }
            previousKey = key
            switch key {
            case "oid":
                guard value.hasPrefix("sha256:") else { return nil }
                oid = String(value.dropFirst("sha256:".count))
            case "size":
                guard !value.isEmpty, value.allSatisfy(\.isASCIIDigit), let number = Int(value) else { return nil }
                size = number
            default:
                guard key.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "." || $0 == "-" }) else { return nil }
            }
        }
        guard let oid, let size else { return nil }
        return LFSPointer(oid: oid, size: size)
    }

    /// Whether bytes look like the start of a pointer (to tell a malformed pointer from content).
    public static func looksLikePointer(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.count <= maximumSize && Array(bytes.prefix(8)) == Array("version ".utf8)
            && String(decoding: Array(bytes), as: UTF8.self).contains("git-lfs")
    }

    static func isValidOID(_ oid: String) -> Bool {
        oid.utf8.count == 64 && oid.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
