import DossierCore
import DossierRepository
import Foundation
import Hub
import Remote
import Testing
import TestServers

/// Media on the hub: reconcile reads pointers without downloading, `hub media --fetch` downloads
/// verified objects into the mirror, a renewal shows a replaced video as replaced.
@Suite("Hub media", .serialized)
struct HubMediaTests {
    /// Writes `size` pseudo-random bytes (seeded, so two calls with different seeds differ).
    static func video(_ path: URL, size: Int, seed: UInt8) throws {
        var bytes = [UInt8](repeating: 0, count: size)
        var state = UInt32(seed) &* 2_654_435_761 | 1
        for index in bytes.indices {
            state ^= state << 13; state ^= state >> 17; state ^= state << 5
            bytes[index] = UInt8(truncatingIfNeeded: state)
        }
        try Data(bytes).write(to: path)
    }

    @Test func reconcileRecordsMediaFromPointersAndFetchDownloadsThemVerified() throws {
        let lab = try HubLab()
        let cfa = try lab.addCFA("0141234R")
        let film = lab.folder.appending("chantier.mp4")
        try Self.video(film, size: 300_000, seed: 1)
        try lab.dossierOK(["add", "attractivite", film.path, "--criterion", "videos-metiers", "--title", "Chantier"], in: cfa.dossier)
        try lab.dossierOK(["save", "-m", "vidéo", "--author", labAuthor], in: cfa.dossier)
        try lab.submit(cfa, "attractivite")
        let digest = try Digest.sha256(fileAt: film.path)
        // The remote got the object with the save (path remotes keep media in their lfs folder).
        #expect(MediaStore(gitDirectory: cfa.remote.path).contains(try #require(LFSPointer(oid: digest.sha256, size: digest.size))))

        _ = try lab.reconcile()
        let submission = try #require(try lab.submissions("0141234R").last)
        let evidence = try lab.hub.store.read { try $0.evidence(submission: submission.id ?? 0) }
        let item = try #require(evidence.first { $0.path == "chantier.mp4" })
        #expect(item.media && item.sha256 == digest.sha256 && item.size == digest.size)
        #expect(evidence.filter(\.media).count == 1)
        #expect(submission.ready, "the pointer's oid matches the recorded sha256: \(submission.problems)")
        let mirrorStore = MediaStore(gitDirectory: lab.hub.mirrorPath("0141234R"))
        let pointer = try #require(LFSPointer(oid: digest.sha256, size: digest.size))
        #expect(!mirrorStore.contains(pointer), "reconcile downloads no media")

        let listed = try lab.hub.media(uai: "0141234R", badge: "attractivite")
        #expect(listed.map(\.oid) == [digest.sha256] && listed.first?.file == nil)
        let fetched = try lab.hub.fetchMedia(uai: "0141234R", badge: "attractivite", options: HubLab.transferOptions(), lang: .en)
        let file = try #require(fetched.first?.file)
        #expect(try Digest.sha256(fileAt: file) == digest)
        #expect(try mirrorStore.verify(pointer))
    }

    @Test func aReplacedVideoIsReplacedInTheRenewalDiffWithoutDownloading() throws {
        let lab = try HubLab()
        try lab.addReviewers()
        let cfa = try lab.addCFA("0141234R")
        let film = cfa.dossier.appendingPathComponent("badges/attractivite/evidence/chantier.mp4")
        try Self.video(lab.folder.appending("chantier.mp4"), size: 200_000, seed: 2)
        try lab.dossierOK(["add", "attractivite", lab.folder.appending("chantier.mp4").path, "--criterion", "videos-metiers",
                           "--title", "Chantier"], in: cfa.dossier)
        try lab.dossierOK(["save", "-m", "vidéo", "--author", labAuthor], in: cfa.dossier)
        try lab.submit(cfa, "attractivite")
        _ = try lab.reconcile()
        _ = try lab.award("0141234R", "attractivite")

        try Self.video(film, size: 210_000, seed: 3)  // a new cut of the same video
        try lab.dossierOK(["save", "-m", "nouveau montage", "--author", labAuthor], in: cfa.dossier)
        try lab.submit(cfa, "attractivite")
        _ = try lab.reconcile()
        let view = try lab.hub.view(uai: "0141234R", badge: "attractivite")
        #expect(view.submission.kind == .renewal)
        let change = try #require(view.renewal?.changes?.evidenceChanged.first { $0.after.file == "chantier.mp4" })
        #expect(change.changes.contains(.replaced))
        #expect(change.before.sha256 != change.after.sha256)
        #expect(view.renewal?.evidenceText.isEmpty == true, "no line diff of a video")
        let objects = lab.hub.mirrorPath("0141234R") + "/lfs/objects"
        #expect(!FileManager.default.fileExists(atPath: objects), "neither version was downloaded")
    }
}
