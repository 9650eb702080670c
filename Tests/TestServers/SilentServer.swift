import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A port on 127.0.0.1 that accepts connections (the kernel's backlog does the handshake) and
/// never says a word. `stop()` closes it, which resets the waiting connections.
public final class SilentServer: @unchecked Sendable {
    public let port: Int
    private var fd: Int32

    public init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 64) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard fd >= 0, bound else { throw TestServerError("silent server: errno \(errno)") }
        self.fd = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { stop() }

    public var url: String { "http://127.0.0.1:\(port)/silent.git" }

    public func stop() {
        if fd >= 0 { close(fd) }
        fd = -1
    }
}
