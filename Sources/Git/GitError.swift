internal import Clibgit2
#if canImport(Glibc)
internal import Glibc
#endif

/// A libgit2 failure: the return code, the error class and libgit2's own message.
public struct GitError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The `git_error_code` libgit2 returned (negative).
    public let code: Code
    /// The `git_error_t` class of the last error, 0 when libgit2 set none.
    public let errorClass: Int32
    /// libgit2's message, or a description of the call that failed.
    public let message: String
    /// For a failed transfer, the stage it failed at (nil: not a transfer).
    public internal(set) var stage: TransferStage?

    /// The libgit2 return codes callers match on.
    public enum Code: Int32, Sendable {
        case generic = -1
        case notFound = -3
        case exists = -4
        case ambiguous = -5
        case bufferTooShort = -6
        case user = -7
        case bareRepository = -8
        case unbornBranch = -9
        case unmerged = -10
        case nonFastForward = -11
        case invalidSpec = -12
        case conflict = -13
        case locked = -14
        case modified = -15
        case auth = -16
        case certificate = -17
        case applied = -18
        case peel = -19
        case endOfFile = -20
        case invalid = -21
        case uncommitted = -22
        case directory = -23
        case mergeConflict = -24
        case passthrough = -30
        case iterationOver = -31
        case retry = -32
        case mismatch = -33
        case indexDirty = -34
        case applyFail = -35
        case owner = -36
        case other = -9999
    }

    /// The system error (`errno`) behind an operating-system failure (`GIT_ERROR_OS`: a full
    /// disk, a name too long…) or a content filter's failure, when known.
    public let systemError: Int32?

    public init(code: Code, errorClass: Int32 = 0, message: String, systemError: Int32? = nil) {
        self.code = code
        self.errorClass = errorClass
        self.message = message
        self.systemError = systemError
    }

    public var description: String { message }
}

/// Turns a libgit2 return code into a thrown `GitError`, reading `git_error_last` at once
/// (it is thread-local and overwritten by the next call). Returns non-negative codes unchanged.
@discardableResult
func check(_ result: Int32, _ operation: @autoclosure () -> String) throws -> Int32 {
    guard result < 0 else { return result }
    let systemCode = errno
    var message = operation()
    var errorClass: Int32 = 0
    if let last = git_error_last(), let text = last.pointee.message {
        message += ": " + String(cString: text)
        errorClass = last.pointee.klass
    }
    let filterCode = ContentFilters.takeFailureCode()
    let systemError: Int32? = switch errorClass {
    case Int32(GIT_ERROR_OS.rawValue): osError(message: message, errno: systemCode)
    case Int32(GIT_ERROR_FILTER.rawValue): filterCode
    default: nil
    }
    throw GitError(code: GitError.Code(rawValue: result) ?? .other, errorClass: errorClass, message: message, systemError: systemError)
}

/// An error a content filter throws for a failed system call (a full disk): its `errno` reaches
/// the caller through libgit2 as `GitError.systemError`.
public protocol SystemCallFailure: Error {
    var systemErrorCode: Int32? { get }
}

/// The `errno` of a `GIT_ERROR_OS` failure. libgit2 ends such a message with `strerror(errno)`
/// taken when the call failed; `errno` itself may have changed since (its clean-up makes other
/// calls), so the code whose `strerror` text ends the message is the one, else the current `errno`.
private func osError(message: String, errno current: Int32) -> Int32? {
    let candidates = [current, ENOSPC, EDQUOT, EFBIG, EROFS, EACCES, EPERM, ENAMETOOLONG, EIO]
    return candidates.first { code in strerror(code).map { message.hasSuffix(": " + String(cString: $0)) } ?? false }
}
