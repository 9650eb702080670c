import DossierCore
import DossierRepository
import Foundation
import Hummingbird
import HummingbirdTesting
import Sync
import Testing
@testable import DossierWeb

/// `/request`: the badges that pass the check can be requested (`dossier submit`: a tag on the
/// current save, sent by the next sync); the others say why; unsaved changes are refused.
@Suite struct RequestPageTests {
    func tags(_ workspace: Workspace) throws -> [String] {
        try workspace.repository.referenceNames(matching: SubmissionTag.pattern())
    }

    /// A badge of the sample that passes the check and one that does not.
    func badges(_ lab: RemoteLab) throws -> (ready: BadgeCheck, notReady: BadgeCheck) {
        let report = try DossierCheck.run(lab.workspace()).report
        return (try #require(report.badges.first { $0.ready }), try #require(report.badges.first { !$0.ready }))
    }

    @Test func aReadyBadgeIsRequestedWithATag() async throws {
        let lab = try RemoteLab()
        let (ready, _) = try badges(lab)
        try await lab.fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/request")
            #expect(page.status == .ok)
            #expect(page.text.contains("name=\"badge-\(ready.id)\""))
            let made = try await browser.submit("/request", from: page, [("badge-\(ready.id)", "on"), ("message", "Première demande")])
            #expect(made.status == .seeOther)
            let location = try #require(made.headers[.location])
            let after = try await browser.get(location).text
            #expect(after.contains("Demande enregistrée : submissions/\(ready.id)/"), "\(after)")
            #expect(after.contains("Elle partira à la Région à la prochaine synchronisation."))
            #expect(after.contains("pas encore envoyée : elle partira à la prochaine synchronisation"), "listed as waiting")
            #expect(!after.contains("name=\"badge-\(ready.id)\""), "a badge waiting for its decision is not offered again")
        }
        let workspace = try lab.workspace()
        let made = try tags(workspace)
        #expect(made.count == 1 && made.first?.hasPrefix("refs/tags/submissions/\(ready.id)/") == true)
        #expect(try workspace.repository.resolveCommit(made[0]).id == (try workspace.head()?.id), "the tag is on the current save")
    }

    @Test func aBadgeThatDoesNotPassSaysWhyAndCannotBeRequested() async throws {
        let lab = try RemoteLab()
        let (_, notReady) = try badges(lab)
        let blocking = try #require(notReady.problems.first { $0.isBlocking })
        try await lab.fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/request")
            #expect(page.text.contains(escaped(RequestPage.problemText(blocking, badge: notReady.id, .fr))), "its reason")
            #expect(!page.text.contains("name=\"badge-\(notReady.id)\""))
            // Forged: the library refuses, as `dossier submit` does.
            let refused = try await browser.submit("/request", from: page, [("badge-\(notReady.id)", "on")])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains(escaped(SyncError.badgeNotReady(notReady.id).text(.fr))))
        }
        #expect(try tags(lab.workspace()).isEmpty)
    }

    @Test func unsavedChangesAreRefusedAsTheCommandLineDoes() async throws {
        let lab = try RemoteLab()
        let (ready, _) = try badges(lab)
        let workspace = try lab.workspace()
        try lab.edit(workspace, RemoteLab.tutorat, replacing: "Quatre formateurs", with: "Cinq formateurs")
        try await lab.fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/request")
            #expect(page.text.contains("1 fichier(s) modifié(s) pas encore enregistré(s)"))
            let refused = try await browser.submit("/request", from: page, [("badge-\(ready.id)", "on")])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains(escaped(SyncError.unsavedChanges(1).text(.fr))), "\(refused.text)")
        }
        #expect(try tags(workspace).isEmpty, "nothing tagged")
    }

    @Test func noBadgeTickedIsABadRequest() async throws {
        let lab = try RemoteLab()
        try await lab.fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/request")
            let refused = try await browser.submit("/request", from: page, [("message", "rien")])
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("Cochez au moins un badge à demander. Rien n&#39;a été demandé."))
            let forged = try await browser.post("/request", [("csrf", "forged"), ("badge-tutorat", "on")])
            #expect(forged.status == .forbidden)
        }
        #expect(try tags(lab.workspace()).isEmpty)
    }

    @Test func inEnglish() async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            try await browser.open()
            _ = try await browser.get("/lang?to=en&back=/request")
            let page = try await browser.get("/request").text
            #expect(page.contains("Badges not ready yet, and why"))
            #expect(page.contains("No badge passes the check yet"))
        }
    }
}
