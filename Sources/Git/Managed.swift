internal import Clibgit2

/// The single owner of a libgit2 handle: frees it exactly once, when the owner goes away.
final class Managed {
    let pointer: OpaquePointer
    private let free: (OpaquePointer) -> Void

    init(_ pointer: OpaquePointer, free: @escaping (OpaquePointer) -> Void) {
        self.pointer = pointer
        self.free = free
    }

    /// Runs `create` with an out-pointer, checks its result, and takes ownership of the handle.
    static func create(
        _ operation: @autoclosure () -> String,
        free: @escaping (OpaquePointer) -> Void,
        _ create: (UnsafeMutablePointer<OpaquePointer?>) -> Int32
    ) throws -> Managed {
        Libgit2.ensureInitialised()
        var handle: OpaquePointer?
        try check(create(&handle), operation())
        guard let handle else {
            throw GitError(code: .generic, message: operation() + ": libgit2 returned no handle")
        }
        return Managed(handle, free: free)
    }

    deinit { free(pointer) }
}
