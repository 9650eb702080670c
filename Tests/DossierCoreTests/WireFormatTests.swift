import DossierCore
import Testing

@Suite("wire format: submission tags and references")
struct WireFormatTests {
    @Test func aTagNameRoundTrips() throws {
        let day = try #require(Day("2026-11-30"))
        let tag = try #require(SubmissionTag(badge: "plan-formation", day: day, number: 12))
        #expect(tag.name == "submissions/plan-formation/2026-11-30-12")
        #expect(tag.reference == "refs/tags/submissions/plan-formation/2026-11-30-12")
        #expect(SubmissionTag(tag.name) == tag)
        #expect(SubmissionTag(tag.reference) == tag)
    }

    @Test(arguments: [
        "submissions/tutorat/2026-11-30", "submissions/tutorat/2026-11-30-", "submissions/tutorat/2026-11-30-0",
        "submissions/tutorat/2026-11-30-01", "submissions/tutorat/2026-02-30-1", "submissions/tutorat/26-11-30-1",
        "submissions//2026-11-30-1", "submissions/Tutorat/2026-11-30-1", "submissions/tutorat/x/2026-11-30-1",
        "submissions/tutorat/2026-11-30-1x", "submissions/tutorat/2026-11-30-+1", "awards/tutorat/2026-11-30-1",
        "refs/heads/submissions/tutorat/2026-11-30-1", "submissions/tuto rat/2026-11-30-1",
        "submissions/tutorat/2026-11-30-9999999999",
    ])
    func malformedNamesAreNotTags(_ name: String) {
        #expect(SubmissionTag(name) == nil)
    }

    @Test func requestsOfABadgeAreOrderedAsMade() throws {
        let names = ["submissions/tutorat/2026-11-30-10", "submissions/tutorat/2026-12-01-1", "submissions/tutorat/2026-11-30-2"]
        let sorted = names.compactMap(SubmissionTag.init).sorted().map(\.name)
        #expect(sorted == ["submissions/tutorat/2026-11-30-2", "submissions/tutorat/2026-11-30-10", "submissions/tutorat/2026-12-01-1"])
    }

    @Test func theNextNumberFollowsEveryTagOfThatBadgeAndDay() throws {
        let day = try #require(Day("2026-11-30"))
        let existing = ["refs/tags/submissions/tutorat/2026-11-30-1", "refs/dossier/origin/submissions/tutorat/2026-11-30-3",
                        "refs/tags/submissions/tutorat/2026-11-29-7", "refs/tags/submissions/prospection/2026-11-30-9",
                        "refs/tags/awards/tutorat/2026-11-30-5"]
        let tags = existing.compactMap { SubmissionTag($0) ?? SubmissionTag($0, mirroredUnder: DossierReferences.remoteSubmissionsPrefix) }
        #expect(tags.count == 4)
        #expect(SubmissionTag.next(badge: "tutorat", day: day, existing: tags)?.number == 4)
        #expect(SubmissionTag.next(badge: "apprentis", day: day, existing: tags)?.number == 1)
    }

    @Test func tagNamesOfReferences() {
        #expect(DossierReferences.tagName("refs/tags/submissions/tutorat/2026-11-30-1") == "submissions/tutorat/2026-11-30-1")
        #expect(DossierReferences.tagName("refs/heads/main") == nil)
    }
}
