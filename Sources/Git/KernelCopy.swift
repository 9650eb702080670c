internal import Clibgit2
#if canImport(Glibc)
internal import Glibc
#endif

/// Copies between two open files inside the kernel (`copy_file_range`), as `cp` does: no
/// bytes pass through the process. Lives here because only this module sees the C shim.
public enum KernelCopy {
    /// Copies from `input`'s position to `output`'s until the end of `input`; returns the bytes
    /// copied, or nil when the kernel cannot do it for these files (the caller copies itself).
    public static func copy(from input: Int32, to output: Int32) -> Int? {
        var total = 0
        while true {
            let copied = dossier_copy_file_range(input, output, 1 << 30)
            if copied > 0 {
                total += copied
                continue
            }
            if copied == 0 { return total }
            if errno == EINTR { continue }
            // Nothing copied yet: not supported here (another file system, an old kernel).
            return total == 0 && [EXDEV, ENOSYS, EINVAL, EOPNOTSUPP, EBADF].contains(errno) ? nil : -1
        }
    }
}
