import DossierCore
import Foundation
import Testing
@testable import DossierWeb
#if canImport(Glibc)
import Glibc
#endif

/// The upload over a real socket (`UIApp.serve` on 127.0.0.1): the file is streamed to a temporary
/// file while it arrives, and a connection closed in the middle leaves nothing behind.
@Suite struct UploadLiveTests {
    @Test func aConnectionClosedInTheMiddleOfAnUploadLeavesNothing() async throws {
        let fixture = try UIFixture()
        let app = fixture.app
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let server = Task { try await app.serve(port: 0) { continuation.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        defer { app.quit() }
        let host = "127.0.0.1:\(port)"
        let opened = try RawSocket.exchange(port: port, "GET /open?token=\(app.session.launchToken) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
        let cookie = try #require(opened.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix("set-cookie: dossier_ui=") })
            .dropFirst("set-cookie: ".count).split(separator: ";")[0]
        let page = try RawSocket.exchange(port: port, "GET /badge/tutorat HTTP/1.1\r\nHost: \(host)\r\nCookie: \(cookie)\r\nConnection: close\r\n\r\n")
        func hidden(_ name: String) -> String {
            guard let range = page.range(of: "name=\"\(name)\" value=\"") else { return "" }
            return String(page[range.upperBound...].prefix { $0 != "\"" })
        }
        let before = fixture.snapshot()

        // Announce 64 MiB, send the fields and 4 MiB of the file, see it reach the disk, then hang up.
        let boundary = "----live"
        var head = ""
        for (name, value) in [("csrf", hidden("csrf")), ("fingerprint", hidden("fingerprint")), ("criterion", "outils-distance")] {
            head += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        head += "--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"video.mp4\"\r\nContent-Type: video/mp4\r\n\r\n"
        let socket = try RawSocket(port: port)
        try socket.send(Array(("POST /badge/tutorat/upload HTTP/1.1\r\nHost: \(host)\r\nCookie: \(cookie)\r\n"
                               + "Content-Type: multipart/form-data; boundary=\(boundary)\r\nContent-Length: \(64 << 20)\r\n\r\n" + head).utf8))
        let chunk = [UInt8](repeating: 0x5A, count: 1 << 20)
        for _ in 0..<4 { try socket.send(chunk) }
        let uploads = fixture.root + "/.git/dossier/uploads"
        func temporaryBytes() -> Int {
            let folders = (try? FileManager.default.subpathsOfDirectory(atPath: uploads)) ?? []
            return folders.compactMap { (try? FileManager.default.attributesOfItem(atPath: uploads + "/" + $0)[.size] as? Int) ?? nil }
                .reduce(0, +)
        }
        #expect(try await Self.eventually { temporaryBytes() >= 3 << 20 }, "the file is written while it arrives")
        socket.close()
        #expect(try await Self.eventually { ((try? FileManager.default.contentsOfDirectory(atPath: uploads)) ?? []).isEmpty },
                "the temporary file is removed")
        #expect(fixture.snapshot() == before)
        app.quit()
        try await server.value
    }

    /// Polls `condition` every 20 ms for up to 20 s.
    static func eventually(_ condition: () -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return condition()
    }
}

/// A blocking TCP connection to 127.0.0.1, for sending exactly the bytes a test wants.
final class RawSocket {
    let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard descriptor >= 0, result == 0 else { throw POSIXError(.ECONNREFUSED) }
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw POSIXError(.EPIPE) }
            offset += written
        }
    }

    func receiveAll() -> String {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            out += buffer[0..<count]
        }
        return String(decoding: out, as: UTF8.self)
    }

    func close() { _ = Glibc.close(descriptor) }

    /// Sends `request` on a new connection and returns everything the server answers.
    static func exchange(port: Int, _ request: String) throws -> String {
        let socket = try RawSocket(port: port)
        defer { socket.close() }
        try socket.send(Array(request.utf8))
        return socket.receiveAll()
    }
}
