internal import Clibgit2
import Foundation

/// A commit: its tree, parents, author and message.
public final class Commit {
    let handle: Managed
    /// Kept alive so the commit's handle never outlives its repository.
    let repository: Repository

    init(_ handle: Managed, repository: Repository) {
        self.handle = handle
        self.repository = repository
    }

    public var id: ObjectID { ObjectID(git_commit_id(handle.pointer).pointee) }

    public var treeID: ObjectID { ObjectID(git_commit_tree_id(handle.pointer).pointee) }

    public func tree() throws -> Tree { try repository.tree(treeID) }

    public var parentIDs: [ObjectID] {
        (0..<git_commit_parentcount(handle.pointer)).compactMap { index in
            git_commit_parent_id(handle.pointer, index).map { ObjectID($0.pointee) }
        }
    }

    public func parents() throws -> [Commit] { try parentIDs.map(repository.commit) }

    /// The full message.
    public var message: String { git_commit_message(handle.pointer).map { String(cString: $0) } ?? "" }

    /// The first paragraph of the message, on one line.
    public var summary: String { git_commit_summary(handle.pointer).map { String(cString: $0) } ?? "" }

    public var author: Signature { Signature(git_commit_author(handle.pointer).pointee) }
}

/// Who made a commit, and when.
public struct Signature: Sendable, Equatable {
    public var name: String
    public var email: String
    public var date: Date
    /// Offset from UTC, in minutes.
    public var timeZoneOffset: Int

    public init(name: String, email: String, date: Date = Date(), timeZoneOffset: Int? = nil) {
        self.name = name
        self.email = email
        self.date = date
        self.timeZoneOffset = timeZoneOffset ?? TimeZone.current.secondsFromGMT(for: date) / 60
    }

    init(_ signature: git_signature) {
        name = String(cString: signature.name)
        email = String(cString: signature.email)
        date = Date(timeIntervalSince1970: TimeInterval(signature.when.time))
        timeZoneOffset = Int(signature.when.offset)
    }

    /// A libgit2 signature owned for the duration of `body`.
    func withSignature<T>(_ body: (UnsafePointer<git_signature>) throws -> T) throws -> T {
        let handle = try Managed.create("invalid author '\(name) <\(email)>'", free: { git_signature_free(UnsafeMutablePointer($0)) }) { out in
            var signature: UnsafeMutablePointer<git_signature>?
            let result = git_signature_new(&signature, name, email, git_time_t(date.timeIntervalSince1970), Int32(timeZoneOffset))
            out.pointee = OpaquePointer(signature)
            return result
        }
        return try body(UnsafePointer(UnsafeMutablePointer<git_signature>(handle.pointer)))
    }
}
