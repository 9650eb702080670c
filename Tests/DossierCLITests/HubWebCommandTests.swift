import Foundation
import Testing
@testable import DossierCLI
import DossierCore
import Hub
import TestServers

/// `hub member passwd|invite|disable` and `hub serve`, run as the built binary.
@Suite("Hub web commands")
struct HubWebCommandTests {
    /// Runs the binary with `input` on its standard input (not a terminal); stdout and stderr apart.
    static func run(_ arguments: [String], input: String = "", in folder: String) throws -> (status: Int32, out: String, err: String) {
        let binary = URL(fileURLWithPath: try DossierBinary.path())
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        for key in ["LC_ALL", "LC_MESSAGES", "LANGUAGE"] { environment[key] = nil }
        process.environment = environment
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile(), err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    /// A hub with one registered CFA and a Région member.
    static func hub() throws -> String {
        let folder = NSTemporaryDirectory() + "hub-web-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for arguments in [["hub", "init", "hub"], ["hub", "register", "0141234R", "https://git.example.fr/c.git", "--hub", "hub"],
                          ["hub", "member", "add", "region-1", "--role", "region", "--hub", "hub"]] {
            let result = try run(arguments, in: folder)
            #expect(result.status == 0, "\(arguments): \(result.err)")
        }
        return folder
    }

    @Test("passwd reads the password from standard input (never argv), invite prints a one-time URL, disable ends access")
    func credentials() throws {
        let folder = try Self.hub()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let short = try Self.run(["hub", "member", "passwd", "region-1", "--hub", "hub"], input: "short\n", in: folder)
        #expect(short.status == 1 && short.err.contains("password too short"))
        let set = try Self.run(["hub", "member", "passwd", "region-1", "--hub", "hub"], input: "a long enough password\n", in: folder)
        #expect(set.status == 0, "\(set.err)")
        let hub = try Hub.open(at: folder + "/hub", catalogue: try Catalogue.builtin())
        let credential = try #require(try hub.credential(memberID: "region-1"))
        #expect(credential.passwordHash?.hasPrefix("$2") == true && credential.passwordHash?.contains("a long enough") == false)
        let extra = try Self.run(["hub", "member", "passwd", "region-1", "secret-in-argv", "--hub", "hub"], in: folder)
        #expect(extra.status != 0)
        let invite = try Self.run(["hub", "member", "invite", "region-1", "--base-url", "https://revue.example.fr", "--hub", "hub"], in: folder)
        #expect(invite.status == 0 && invite.out.contains("https://revue.example.fr/invitation/"), "\(invite.out)\(invite.err)")
        let disable = try Self.run(["hub", "member", "disable", "region-1", "--hub", "hub"], in: folder)
        #expect(disable.status == 0)
        #expect(try hub.credential(memberID: "region-1")?.disabledAt != nil)
        #expect(try Self.run(["hub", "member", "disable", "nobody", "--hub", "hub"], in: folder).status == 1)
    }

    @Test("serve answers on its port, logs one line per request, and stops cleanly on SIGTERM")
    func serve() throws {
        let folder = try Self.hub()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let binary = URL(fileURLWithPath: try DossierBinary.path())
        let process = Process()
        process.executableURL = binary
        process.arguments = ["hub", "serve", "--hub", "hub", "--listen", "127.0.0.1:0"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = ProcessInfo.processInfo.environment.merging(["LANG": "C.UTF-8"]) { _, new in new }
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // The first line names the address (port 0: the system chose one).
        var output = ""
        while !output.contains("\n") {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            output += String(decoding: chunk, as: UTF8.self)
        }
        let port = try #require(output.split(separator: ":").last.flatMap { Int($0.prefix { $0.isNumber }) }, "\(output)")
        let answer = try Self.get("/signin", port: port)
        #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer)")
        #expect(answer.lowercased().contains("content-security-policy: default-src 'self'"))
        #expect(try Self.get("/queue", port: port).hasPrefix("HTTP/1.1 303"))
        kill(process.processIdentifier, SIGTERM)
        let rest = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        output += String(decoding: rest, as: UTF8.self)
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(output)")
        #expect(output.contains("GET /signin 200 ") && output.contains("GET /queue 303 "), "\(output)")
    }

    /// One HTTP/1.1 GET on 127.0.0.1 with a plain socket; the whole answer.
    static func get(_ path: String, port: Int) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var answer = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            answer += buffer[0..<count]
        }
        return String(decoding: answer, as: UTF8.self)
    }
}
