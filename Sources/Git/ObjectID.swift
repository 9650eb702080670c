internal import Clibgit2

/// A git object id (SHA-1).
public struct ObjectID: Hashable, CustomStringConvertible, Sendable {
    var oid: git_oid

    init(_ oid: git_oid) { self.oid = oid }

    /// Parses a full 40-character hexadecimal id.
    public init?(hex: String) {
        Libgit2.ensureInitialised()
        var oid = git_oid()
        guard hex.utf8.count == 40, git_oid_fromstr(&oid, hex) == 0 else { return nil }
        self.oid = oid
    }

    /// The 40-character hexadecimal form.
    public var hex: String {
        var copy = oid
        var buffer = [CChar](repeating: 0, count: 41)
        git_oid_tostr(&buffer, 41, &copy)
        return String(decoding: buffer.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The first seven characters, as `git log --oneline` shows them.
    public var short: String { String(hex.prefix(7)) }

    public var description: String { hex }

    public static func == (lhs: ObjectID, rhs: ObjectID) -> Bool {
        var l = lhs.oid, r = rhs.oid
        return git_oid_equal(&l, &r) != 0
    }

    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes(of: oid.id) { hasher.combine(bytes: $0) }
    }
}
