import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Loopback TCP ports and readiness probes.
public enum FreePort {
    /// A TCP port on 127.0.0.1 that was free a moment ago: binds a socket to port 0, reads the port the
    /// kernel chose, closes the socket. Another process may take it before you bind it: servers here
    /// retry with another port when their bind fails.
    public static func find() throws -> Int {
        let fd = socket(AF_INET, streamType, 0)
        guard fd >= 0 else { throw TestServerError("socket(): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw TestServerError("bind(127.0.0.1:0): \(String(cString: strerror(errno)))") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw TestServerError("getsockname(): \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// True when something accepts a TCP connection on 127.0.0.1:`port` right now.
    public static func isAcceptingConnections(port: Int) -> Bool {
        let fd = socket(AF_INET, streamType, 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: UInt16(port))
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// True when a socket listens on 127.0.0.1:`port` (or on all addresses), checked without connecting
    /// (Linux: `/proc/net/tcp`; elsewhere: `isAcceptingConnections`). A connection would make servers
    /// such as sshd fork a child for it.
    public static func isListening(port: Int) -> Bool {
        #if os(Linux)
        guard let table = try? String(contentsOfFile: "/proc/net/tcp", encoding: .utf8) else {
            return isAcceptingConnections(port: port)
        }
        let wanted = Set(["0100007F", "00000000"].map { $0 + ":" + String(format: "%04X", port) })
        return table.split(separator: "\n").dropFirst().contains { line in
            let fields = line.split(separator: " ")
            return fields.count > 3 && fields[3] == "0A" && wanted.contains(String(fields[1]))
        }
        #else
        return isAcceptingConnections(port: port)
        #endif
    }

    /// True when something accepts a connection on the unix-domain socket at `path` right now.
    public static func isAcceptingConnections(unixSocket path: String) -> Bool {
        let fd = socket(AF_UNIX, streamType, 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0
            }
        }
    }

    /// Polls `isReady` every `interval` seconds, at most `timeout` seconds in all (no fixed sleep).
    /// Returns true as soon as it holds; false when time is up or as soon as `keepTrying` turns false
    /// (e.g. the server process exited).
    public static func poll(
        timeout: TimeInterval = 5,
        interval: TimeInterval = 0.01,
        keepTrying: () -> Bool = { true },
        until isReady: () -> Bool
    ) -> Bool {
        let attempts = max(1, Int((timeout / interval).rounded(.up)))
        for attempt in 0..<attempts {
            if isReady() { return true }
            if !keepTrying() { return false }
            if attempt < attempts - 1 { usleep(useconds_t(interval * 1_000_000)) }
        }
        return isReady()
    }

    #if canImport(Glibc)
    private static let streamType = Int32(SOCK_STREAM.rawValue)
    #else
    private static let streamType = SOCK_STREAM
    #endif

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        #if canImport(Darwin)
        address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
        #endif
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
        return address
    }
}
