import Foundation
import Testing
import TestServers

/// `dossier submit`: annotated tags `submissions/<badge>/<YYYY-MM-DD>-<n>` on the current save,
/// sent by the next sync, received by the other clones, and never overwritten when the remote's
/// copy was moved (tampering: exit 5).
@Suite("Sync: submissions")
struct SyncSubmissionTests {
    /// Runs `submit` and returns the tag it made, checking the day (Europe/Paris) around the call.
    static func submit(_ lab: SyncLab, _ name: String, _ badge: String, message: String, number: Int,
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let dayBefore = submissionDay()
        let result = try lab.dossierOK(name, ["submit", badge, "-m", message, "--author", lab.author(name)], sourceLocation: sourceLocation)
        let dayAfter = submissionDay()
        let candidates = Set([dayBefore, dayAfter]).map { "submissions/\(badge)/\($0)-\(number)" }
        let tag = try #require(candidates.first { result.stdout.contains($0) }, "unexpected tag: \(result)", sourceLocation: sourceLocation)
        #expect(result.stdoutLines.count == 1, "\(result)", sourceLocation: sourceLocation)
        return tag
    }

    static func tags(_ lab: SyncLab, _ name: String) throws -> [String: String] {
        try lab.refs(name).filter { $0.key.hasPrefix("refs/tags/") }
    }

    @Test("submit a ready badge: an annotated tag, -1 then -2 the same day; refused when not ready, unknown or unsaved; sync sends; the other clone receives")
    func submitAndSync() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box)
        let head = try lab.head("a")

        let first = try Self.submit(lab, "a", "tutorat", message: "Demande du badge tutorat, session de décembre", number: 1)
        #expect(try lab.git("a", ["cat-file", "-t", "refs/tags/\(first)"]) == "tag", "an annotated tag")
        #expect(try lab.git("a", ["rev-parse", "refs/tags/\(first)^{commit}"]) == head, "on the current save")
        let body = try lab.git("a", ["cat-file", "-p", "refs/tags/\(first)"])
        #expect(body.contains("Demande du badge tutorat, session de décembre"), "\(body)")
        #expect(body.contains("tag \(first)") && body.contains("type commit") && body.contains("tagger \(lab.author("a"))"), "\(body)")
        let second = try Self.submit(lab, "a", "tutorat", message: "Seconde demande", number: 2)
        #expect(second.hasSuffix("-2"))
        #expect(try lab.git("a", ["cat-file", "-t", "refs/tags/\(second)"]) == "tag")

        // Refusals: one line, no tag, nothing else changed.
        let tagsBefore = try Self.tags(lab, "a")
        let filesBefore = try lab.workingSnapshot("a")
        let notReady = try lab.dossier("a", ["submit", "post-cfa", "-m", "trop tôt"])
        #expect(notReady.status == 1 && notReady.stderrLines.count == 1 && notReady.stderr.contains("post-cfa is not ready"), "\(notReady)")
        let unknown = try lab.dossier("a", ["submit", "badge-inconnu"])
        #expect(unknown.status == 1 && unknown.stderrLines.count == 1, "\(unknown)")
        // Several badges at once: one not ready, none is tagged.
        let mixed = try lab.dossier("a", ["submit", "ressources", "post-cfa"])
        #expect(mixed.status == 1 && mixed.stderrLines.count == 1, "\(mixed)")
        #expect(try Self.tags(lab, "a") == tagsBefore, "a refused submit created a tag")
        expectUnchanged(filesBefore, try lab.workingSnapshot("a"), "a refused submit")
        try lab.dossierOK("a", ["set", "tutorat", "coverage", "4/4"])
        let unsaved = try lab.dossier("a", ["submit", "tutorat"])
        #expect(unsaved.status == 1 && unsaved.stderrLines.count == 1 && unsaved.stderr.contains("unsaved"), "\(unsaved)")
        #expect(try Self.tags(lab, "a") == tagsBefore, "a submit with unsaved changes created a tag")
        try lab.git("a", ["checkout", "--quiet", "--", "."])

        // status lists the submissions not sent yet.
        let status = try lab.status("a")
        #expect(status.unpushedSubmissions == [first, second], "\(status.unpushedSubmissions)")
        #expect(status.unsyncedSaves == 0)
        let text = try lab.dossierOK("a", ["status"])
        #expect(text.stdout.contains("Not sent yet: 0 save(s), 2 request(s)") && text.stdout.contains(first) && text.stdout.contains(second),
                "\(text)")

        // The next sync sends them, as they are.
        let sent = try lab.syncOK("a")
        #expect(Set(sent.sentSubmissions) == [first, second], "\(sent)")
        #expect(sent.tampered.isEmpty)
        let remoteTags = try lab.remoteGit(["tag", "-l"]).split(separator: "\n").map(String.init)
        #expect(Set(remoteTags) == [first, second], "\(remoteTags)")
        for tag in [first, second] {
            #expect(try lab.remoteGit(["rev-parse", "refs/tags/\(tag)"]) == lab.git("a", ["rev-parse", "refs/tags/\(tag)"]))
            #expect(try lab.remoteGit(["cat-file", "-t", "refs/tags/\(tag)"]) == "tag")
        }
        #expect(try lab.status("a").unpushedSubmissions.isEmpty)
        #expect(try !lab.dossierOK("a", ["status"]).stdout.contains("Not sent yet"))

        // B receives them, numbers its own after them, and A receives B's.
        let received = try lab.syncOK("b")
        #expect(Set(received.receivedSubmissions) == [first, second], "\(received)")
        #expect(try lab.git("b", ["rev-parse", "refs/tags/\(first)"]) == lab.git("a", ["rev-parse", "refs/tags/\(first)"]))
        let third = try Self.submit(lab, "b", "tutorat", message: "Demande depuis le poste B", number: 3)
        let other = try Self.submit(lab, "b", "ressources", message: "Demande ressources", number: 1)
        let fromB = try lab.syncOK("b")
        #expect(Set(fromB.sentSubmissions) == [third, other], "\(fromB)")
        let inA = try lab.syncOK("a")
        #expect(Set(inA.receivedSubmissions) == [third, other], "\(inA)")
        #expect(try lab.git("a", ["cat-file", "-t", "refs/tags/\(other)"]) == "tag")
        #expect(try lab.git("a", ["rev-parse", "refs/tags/\(other)"]) == lab.remoteGit(["rev-parse", "refs/tags/\(other)"]))
        #expect(try lab.status("a").unpushedSubmissions.isEmpty)
        #expect(try Set(lab.remoteGit(["tag", "-l"]).split(separator: "\n").map(String.init)) == [first, second, third, other])
        try lab.expectFsckClean(["a", "b"])
    }

    @Test("a submission tag moved on the remote: reported as tampering (exit 5, names the tag), neither side overwritten")
    func tampering() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box)
        try lab.syncOK("b")
        let tag = try Self.submit(lab, "a", "tutorat", message: "Demande tutorat", number: 1)
        try lab.syncOK("a")
        let original = try lab.git("a", ["rev-parse", "refs/tags/\(tag)"])
        try lab.syncOK("b")
        #expect(try lab.git("b", ["rev-parse", "refs/tags/\(tag)"]) == original)

        // Someone with access to the server moves the tag to another commit.
        let root = try lab.remoteGit(["rev-list", "--max-parents=0", "refs/heads/main"])
        try lab.dossierOK("b", ["set", "tutorat", "coverage", "1/4"])
        try lab.save("b", "B : couverture")
        try lab.syncOK("b")
        let otherCommit = try lab.remoteMain()
        #expect(otherCommit != root)
        try lab.remoteGit(["tag", "-f", "-a", tag, "-m", "x", otherCommit])
        let forged = try lab.remoteGit(["rev-parse", "refs/tags/\(tag)"])
        #expect(forged != original)

        let (result, report) = try lab.sync("a")
        #expect(result.status == 5, "\(result)")
        #expect(result.stderrLines.count == 1 && result.stderr.contains(tag), "the message names the tag: \(result)")
        #expect(report?.tampered == [tag])
        #expect(try lab.git("a", ["rev-parse", "refs/tags/\(tag)"]) == original, "the local tag was changed")
        #expect(try lab.remoteGit(["rev-parse", "refs/tags/\(tag)"]) == forged, "the remote tag was overwritten")
        // The rest of the sync still happened: B's save came in.
        #expect(try lab.head("a") == otherCommit)

        // Text form, and again on the next sync (and in B, which has the original too).
        let text = try lab.dossier("a", ["sync"])
        #expect(text.status == 5 && text.stdout.contains("Warning: \(tag) differs on the remote (not overwritten)."), "\(text)")
        let french = try box.dossier(["sync"], in: lab.clone("a"), lang: "fr_FR.UTF-8")
        #expect(french.status == 5 && french.stderr.contains("dépôt(s) modifié(s) sur le serveur") && french.stderr.contains(tag), "\(french)")
        let inB = try lab.sync("b")
        #expect(inB.result.status == 5 && inB.report?.tampered == [tag], "\(inB.result)")
        #expect(try lab.git("b", ["rev-parse", "refs/tags/\(tag)"]) == original)

        // A new save and a new submission are still sent, the moved tag still not touched.
        try lab.dossierOK("a", ["set", "tutorat", "coverage", "4/4"])
        try lab.save("a", "A : couverture complète")
        let next = try Self.submit(lab, "a", "tutorat", message: "Nouvelle demande", number: 2)
        let after = try lab.sync("a")
        #expect(after.result.status == 5, "\(after.result)")
        #expect(after.report?.sentSubmissions == [next] && after.report?.sentSaves == 1, "\(after.result)")
        #expect(try lab.remoteMain() == lab.head("a"))
        #expect(try lab.remoteGit(["rev-parse", "refs/tags/\(tag)"]) == forged)
        #expect(try lab.git("a", ["rev-parse", "refs/tags/\(tag)"]) == original)
        try lab.expectFsckClean(["a", "b"])
    }

    @Test("a submission tag created on the remote under a name the clone uses: tampering, not overwritten")
    func tagTakenOnRemote() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box)
        let tag = try Self.submit(lab, "a", "tutorat", message: "Demande tutorat", number: 1)
        let mine = try lab.git("a", ["rev-parse", "refs/tags/\(tag)"])
        // Before A sends it, a tag of the same name appears on the remote.
        try lab.remoteGit(["tag", "-a", tag, "-m", "déposé ailleurs", "refs/heads/main"])
        let theirs = try lab.remoteGit(["rev-parse", "refs/tags/\(tag)"])
        let (result, report) = try lab.sync("a")
        #expect(result.status == 5 && result.stderr.contains(tag), "\(result)")
        #expect(report?.tampered == [tag])
        #expect(try lab.git("a", ["rev-parse", "refs/tags/\(tag)"]) == mine)
        #expect(try lab.remoteGit(["rev-parse", "refs/tags/\(tag)"]) == theirs)
        try lab.expectFsckClean(["a", "b"])
    }
}
