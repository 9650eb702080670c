import Foundation
import Testing
import TestServers

/// On a terminal, media transfers show one progress line of their own (files, bytes, rate).
@Suite("media progress", .timeLimit(.minutes(10)))
struct MediaProgressTests {
    static var pattern: Regex<(Substring, Substring)> {
        #/(Sending|Receiving) media: \d+/\d+ files, [0-9.]+ (?:B|KiB|MiB|GiB)/[0-9.]+ (?:B|KiB|MiB|GiB), [0-9.]+ (?:B|KiB|MiB|GiB)/s/#
    }

    @Test func terminalShowsMediaSentAndReceived() throws {
        let world = try ProgressTests.World()
        defer { world.server.stop() }
        let lfs = try LFSServer()
        defer { lfs.stop() }
        try Data("[lfs]\n\turl = \(lfs.endpoint())\n".utf8).write(to: world.first.appendingPathComponent(".lfsconfig"))
        let film = try world.sandbox.randomFile("film.mp4", size: 2_000_000)
        try world.sandbox.addAndSave(film, badge: "accessibilite", criterion: "contenus-distance", in: world.first, message: "film")

        let push = try world.onTerminal(["sync"], in: world.first)
        #expect(push.succeeded, "\(push)")
        let sent = push.stdout.matches(of: Self.pattern).filter { $0.output.1 == "Sending" }
        #expect(!sent.isEmpty, "terminal showed: \(push.stdout.debugDescription)")
        #expect(push.stdout.contains("Sending media: 1/1 files"), "\(push.stdout.debugDescription)")
        #expect(lfs.storedObjects().count == 1)

        let pull = try world.onTerminal(["sync"], in: world.second)
        #expect(pull.succeeded, "\(pull)")
        #expect(pull.stdout.contains("Receiving media: 1/1 files"), "\(pull.stdout.debugDescription)")

        let quiet = try world.onTerminal(["sync", "--quiet"], in: world.first)
        #expect(quiet.succeeded && quiet.stdout.matches(of: Self.pattern).isEmpty, "\(quiet)")
    }
}
