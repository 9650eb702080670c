import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

/// One file of the public site replaced whole: a temporary file beside it (created, written,
/// closed), then renamed over it, so that a web server serving the folder never sends half a file.
/// No `fsync`: the site is output that the next `publish` rewrites, not data anyone typed, and a
/// flush per file made a 7,000-file site wait 30 s on the disk (Foundation's `.atomic` write
/// flushes each file; bench/badges.sh).
enum SiteFile {
    /// False when the file could not be written (nothing is left behind).
    static func replace(_ path: String, with bytes: [UInt8]) -> Bool {
        let temporary = path + ".publish-\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        var ok = true
        var offset = 0
        while ok, offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            if written <= 0 { ok = false } else { offset += written }
        }
        ok = close(descriptor) == 0 && ok
        ok = ok && rename(temporary, path) == 0
        if !ok { unlink(temporary) }
        return ok
    }
}
