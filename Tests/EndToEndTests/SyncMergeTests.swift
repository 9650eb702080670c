import Foundation
import Testing
import TestServers

/// Which clone syncs first after both saved offline.
enum SyncOrder: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case aFirst, bFirst

    var first: String { self == .aFirst ? "a" : "b" }
    var second: String { self == .aFirst ? "b" : "a" }
    var testDescription: String { self == .aFirst ? "A syncs first" : "B syncs first" }
}

/// Two clones, concurrent edits of every kind, synced in both orders: the merged tree checked field
/// by field, and the same result whichever clone synced first.
@Suite("Sync: merging concurrent edits")
struct SyncMergeTests {
    // MARK: scenario runner

    /// Runs `edits` (both clones edit and save offline from the same save) then `merge` in a fresh
    /// lab for each order, and compares the two outcomes field by field.
    static func bothOrders(_ box: Sandbox, semanticDiff: Bool = true, comparedApart: Set<String> = [],
                           edits: (SyncLab) throws -> Void,
                           merge: (SyncLab, SyncOrder) throws -> Void) throws -> [SyncOrder: SyncLab] {
        var labs: [SyncOrder: SyncLab] = [:]
        for order in SyncOrder.allCases {
            let lab = try SyncLab.start(in: box, folder: order.rawValue)
            try edits(lab)
            try merge(lab, order)
            // Both clones and the remote end on one save, and a further sync changes nothing.
            #expect(try lab.head("a") == lab.head("b"), "\(order): the clones differ")
            #expect(try lab.remoteMain() == lab.head("a"), "\(order): the remote is not on the clones' save")
            for name in ["a", "b"] {
                let quiet = try lab.syncOK(name)
                #expect(!quiet.merged && !quiet.fastForwarded && !quiet.pushed && quiet.conflicts.isEmpty,
                        "\(order): sync in \(name) is not quiet: \(quiet)")
                try lab.expectNoConflictMarkers(name)
            }
            try lab.expectFsckClean(["a", "b"])
            labs[order] = lab
        }
        try expectSameDossier(labs[.aFirst]!, labs[.bFirst]!, semanticDiff: semanticDiff, comparedApart: comparedApart)
        return labs
    }

    /// The usual clean merge: the first pushes, the second merges (two parents) and pushes, the
    /// first fast-forwards.
    static func cleanMerge(_ lab: SyncLab, _ order: SyncOrder) throws {
        let (first, second) = (order.first, order.second)
        let pushed = try lab.syncOK(first)
        #expect(pushed.pushed && pushed.sentSaves == 1 && !pushed.merged && pushed.conflicts.isEmpty, "\(pushed)")
        let before = try lab.head(second)
        let remoteBefore = try lab.remoteMain()
        let merged = try lab.syncOK(second)
        #expect(merged.merged && merged.pushed && merged.conflicts.isEmpty, "\(merged)")
        #expect(merged.sentSaves == 2, "the save and the merge are sent: \(merged)")
        #expect(try lab.parents(second) == [before, remoteBefore], "the merge has the local save and the received one as parents")
        #expect(try lab.git(second, ["log", "-1", "--format=%s"]) == "Synchronisation : fusion des modifications reçues")
        let forward = try lab.syncOK(first)
        #expect(forward.fastForwarded && !forward.merged && !forward.pushed, "\(forward)")
        #expect(try lab.git(first, ["status", "--porcelain"]).isEmpty, "the working files are the merged save")
        #expect(try lab.git(second, ["status", "--porcelain"]).isEmpty, "the working files are the merged save")
    }

    /// The same dossier in two labs: every claim field by field (evidence by id), `dossier.yaml`,
    /// and, when asked, `dossier diff --json` between the two final saves shows no change of meaning.
    static func expectSameDossier(_ left: SyncLab, _ right: SyncLab, semanticDiff: Bool, comparedApart: Set<String> = [],
                                  sourceLocation: SourceLocation = #_sourceLocation) throws {
        let leftClaims = try left.claims("a"), rightClaims = try right.claims("a")
        #expect(leftClaims.keys.sorted() == rightClaims.keys.sorted(), sourceLocation: sourceLocation)
        for (badge, claim) in leftClaims where !comparedApart.contains(badge) {
            guard let other = rightClaims[badge] else { continue }
            let differences = claim.differences(from: other)
            #expect(differences.isEmpty, "\(badge) differs between the two orders:\n\(differences.joined(separator: "\n"))",
                    sourceLocation: sourceLocation)
        }
        #expect(try readText(left.file("a", "dossier.yaml")) == readText(right.file("a", "dossier.yaml")), sourceLocation: sourceLocation)
        guard semanticDiff else { return }
        try left.box.gitOK(["fetch", "--quiet", right.remote.path, "+refs/heads/main:refs/compare/other"], in: left.clone("a"))
        let diff = try left.dossierOK("a", ["diff", "--json", "HEAD", "refs/compare/other"]).json(DiffOutput.self)
        #expect(diff.identity.isEmpty, "\(diff.identity)", sourceLocation: sourceLocation)
        for badge in diff.badges {
            #expect(badge.fields.isEmpty && badge.narrative == nil && badge.evidenceAdded.isEmpty && badge.evidenceRemoved.isEmpty
                    && badge.evidenceChanged.isEmpty, "\(badge.id) differs in meaning between the two orders",
                    sourceLocation: sourceLocation)
        }
        for file in diff.files {
            #expect(file.path.hasSuffix("/claim.yaml"), "\(file.path) differs between the two orders", sourceLocation: sourceLocation)
        }
    }

    // MARK: clean merges

    @Test("both add different evidence: both kept, files and hashes included")
    func bothAddEvidence() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        var base: ClaimData?
        let labs = try Self.bothOrders(box, edits: { lab in
            base = try lab.claim("a", "tutorat")
            let planning = try lab.document("planning-tuteurs-a.md", "# Planning des tuteurs (poste A)\n")
            try lab.dossierOK("a", ["add", "tutorat", planning.path, "--criterion", "personnels-identifies", "--title", "Planning des tuteurs"])
            try lab.save("a", "A : planning des tuteurs")
            try lab.dossierOK("b", ["link", "tutorat", "https://visio.example.fr/tutorat-b", "--criterion", "outils-distance",
                                    "--title", "Visio du tutorat", "--kind", "video"])
            let note = try lab.document("note-veille-b.md", "# Note de veille (poste B)\n")
            try lab.dossierOK("b", ["add", "prospection", note.path, "--criterion", "veille", "--title", "Note de veille B"])
            try lab.save("b", "B : visio et note de veille")
        }, merge: Self.cleanMerge)

        for (order, lab) in labs {
            for name in ["a", "b"] {
                let tutorat = try lab.claim(name, "tutorat")
                let planning = try #require(tutorat.entry("planning-tuteurs-a"), "\(order) \(name): planning lost")
                let planningFile = lab.file(name, "badges/tutorat/evidence/planning-tuteurs-a.md")
                #expect(planning.title == "Planning des tuteurs" && planning.criterion == "personnels-identifies")
                #expect(planning.file == "planning-tuteurs-a.md")
                #expect(try planning.sha256 == sha256sum(planningFile) && planning.size == fileSize(planningFile))
                let visio = try #require(tutorat.evidence.first { $0.url == "https://visio.example.fr/tutorat-b" },
                                         "\(order) \(name): link lost")
                #expect(visio.title == "Visio du tutorat" && visio.criterion == "outils-distance" && visio.kind == "video")
                // Every evidence of the base is still there, unchanged.
                for old in base?.evidence ?? [] {
                    #expect(tutorat.entry(old.id)?.sameFields(as: old) == true, "\(order) \(name): \(old.id) changed")
                }
                #expect(tutorat.evidence.count == (base?.evidence.count ?? 0) + 2)
                let note = try #require(try lab.claim(name, "prospection").entry("note-veille-b"), "\(order) \(name): note lost")
                let noteFile = lab.file(name, "badges/prospection/evidence/note-veille-b.md")
                #expect(try note.sha256 == sha256sum(noteFile) && note.criterion == "veille")
            }
            let check = try lab.dossierOK("a", ["check", "--json"]).json(CheckOutput.self)
            #expect(check.badge("tutorat")?.problems.isEmpty == true, "\(order): \(String(describing: check.badge("tutorat")?.codes))")
            let subjects = try lab.remoteLogSubjects()
            #expect(subjects.contains("A : planning des tuteurs") && subjects.contains("B : visio et note de veille"))
        }
    }

    @Test("one retitles an evidence, the other moves it to another criterion; status on one side, coverage on the other")
    func retitleAndMove() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let labs = try Self.bothOrders(box, edits: { lab in
            try editEvidence(lab.claimURL("a", "tutorat"), id: "classe-virtuelle", field: "title", to: "Classe virtuelle Moodle (revue par A)")
            try lab.dossierOK("a", ["set", "tutorat", "status", "draft"])
            try lab.save("a", "A : titre de la classe virtuelle")
            try editEvidence(lab.claimURL("b", "tutorat"), id: "classe-virtuelle", field: "criterion", to: "historique-echanges")
            try lab.dossierOK("b", ["set", "tutorat", "coverage", "3/4"])
            try lab.save("b", "B : classe virtuelle déplacée")
        }, merge: Self.cleanMerge)

        for (order, lab) in labs {
            for name in ["a", "b"] {
                let claim = try lab.claim(name, "tutorat")
                let entry = try #require(claim.entry("classe-virtuelle"))
                #expect(entry.title == "Classe virtuelle Moodle (revue par A)", "\(order) \(name): the retitle is lost")
                #expect(entry.criterion == "historique-echanges", "\(order) \(name): the move is lost")
                #expect(entry.url == "https://formation.cfa-batiment-caen.example.fr/tutorat" && entry.kind == "lms")
                #expect(claim.status == "draft" && claim.coverage == "3/4", "\(order) \(name): \(claim)")
                #expect(claim.evidenceIDs == ["tuteurs-missionnes", "classe-virtuelle", "procedure-historique"])
            }
        }
    }

    @Test("narrative edits on different lines of the same narrative: both kept (line merge)")
    func narrativeLines() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        var lines: [String] = []
        let labs = try Self.bothOrders(box, edits: { lab in
            let narrative = try lab.claim("a", "tutorat").effectiveNarrative
            lines = narrative.components(separatedBy: "\n").filter { !$0.isEmpty }
            try #require(lines.count == 4, "the sample's tutorat narrative has 4 lines: \(lines)")
            var mine = lines
            mine[0] = "Cinq formateurs sont missionnés pour le tutorat à distance des apprentis"
            try lab.dossierOK("a", ["set", "tutorat", "narrative", mine.joined(separator: "\n") + "\n"])
            try lab.save("a", "A : cinq formateurs")
            var theirs = lines
            theirs[3] = "dossier de l'apprenti pendant toute la durée du contrat et un an après."
            try lab.dossierOK("b", ["set", "tutorat", "narrative", theirs.joined(separator: "\n") + "\n"])
            try lab.save("b", "B : durée de conservation")
        }, merge: Self.cleanMerge)

        var expected = lines
        expected[0] = "Cinq formateurs sont missionnés pour le tutorat à distance des apprentis"
        expected[3] = "dossier de l'apprenti pendant toute la durée du contrat et un an après."
        for (order, lab) in labs {
            for name in ["a", "b"] {
                let narrative = try lab.claim(name, "tutorat").effectiveNarrative
                #expect(narrative == expected.joined(separator: "\n") + "\n", "\(order) \(name): \(narrative)")
            }
        }
    }

    // MARK: conflicts

    /// The values each clone sets on the same fields.
    struct Conflicting {
        static let level = ["a": "3", "b": "1"]
        static let coverage = ["a": "10/12", "b": "11/12"]
        static let title = ["a": "Classe virtuelle (titre du poste A)", "b": "Classe virtuelle (titre du poste B)"]
        static let firstLine = ["a": "Quatre formatrices et formateurs sont missionnés (poste A)",
                                "b": "Quatre formateurs référents sont missionnés (poste B)"]
    }

    @Test("the same fields set to different values: sync stops (exit 4) with nothing changed or sent; resolve --ours/--theirs settles; merge has two parents")
    func conflictingFields() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        var baseNarrative = ""
        let labs = try Self.bothOrders(box, edits: { lab in
            baseNarrative = try lab.claim("a", "tutorat").effectiveNarrative
            for name in ["a", "b"] {
                try lab.dossierOK(name, ["set", "ressources", "level", Conflicting.level[name]!])
                try lab.dossierOK(name, ["set", "prospection", "coverage", Conflicting.coverage[name]!])
                try editEvidence(lab.claimURL(name, "tutorat"), id: "classe-virtuelle", field: "title", to: Conflicting.title[name]!)
                var lines = baseNarrative.components(separatedBy: "\n")
                lines[0] = Conflicting.firstLine[name]!
                try lab.dossierOK(name, ["set", "tutorat", "narrative", lines.joined(separator: "\n")])
                // The same value on both sides is no conflict (status has two values only: two
                // different changes of it cannot happen).
                try lab.dossierOK(name, ["set", "referent-numerique", "status", "draft"])
            }
            // Changes that do not conflict, one per side.
            try lab.dossierOK("a", ["link", "attractivite", "https://videos.example.fr/portes-ouvertes", "--criterion", "videos-metiers",
                                    "--title", "Portes ouvertes en vidéo", "--kind", "video"])
            try editEvidence(lab.claimURL("b", "prospection"), id: "etude-branche", field: "title", to: "Étude de branche (synthèse revue par B)")
            try lab.save("a", "A : niveau, couverture, titres")
            try lab.save("b", "B : niveau, couverture, titres")
        }, merge: { lab, order in
            let (first, second) = (order.first, order.second)
            try lab.syncOK(first)
            let remoteBefore = try lab.remoteRefs()
            let headBefore = try lab.head(second)
            let filesBefore = try lab.workingSnapshot(second)

            let (result, report) = try lab.sync(second)
            #expect(result.status == 4, "\(result)")
            #expect(result.stderrLines.count == 1 && result.stderr.contains("4 conflict(s)"), "\(result)")
            let conflicts = try #require(report?.conflicts, "no JSON report: \(result)")
            func value(_ table: [String: String], _ side: String) -> String { table[side]! }
            let expected = [
                ConflictJSON(file: "badges/prospection/claim.yaml", badge: "prospection", evidence: nil, field: "coverage",
                             ours: value(Conflicting.coverage, second), theirs: value(Conflicting.coverage, first), theirsKeptAs: nil),
                ConflictJSON(file: "badges/tutorat/claim.yaml", badge: "tutorat", evidence: nil, field: "narrative",
                             ours: nil, theirs: nil, theirsKeptAs: nil),
                ConflictJSON(file: "badges/tutorat/claim.yaml", badge: "tutorat", evidence: "classe-virtuelle", field: "title",
                             ours: value(Conflicting.title, second), theirs: value(Conflicting.title, first), theirsKeptAs: nil),
                ConflictJSON(file: "badges/ressources/claim.yaml", badge: "ressources", evidence: nil, field: "level",
                             ours: value(Conflicting.level, second), theirs: value(Conflicting.level, first), theirsKeptAs: nil),
            ]
            #expect(conflicts.count == 4, "\(conflicts)")
            for conflict in expected {
                let found = conflicts.first { $0.badge == conflict.badge && $0.field == conflict.field && $0.evidence == conflict.evidence }
                #expect(found != nil, "missing conflict \(conflict) in \(conflicts)")
                if let found, conflict.field != "narrative" {
                    #expect(found.ours == conflict.ours && found.theirs == conflict.theirs && found.file == conflict.file, "\(found)")
                }
                if let found, conflict.field == "narrative" {
                    #expect(found.ours?.contains(Conflicting.firstLine[second]!) == true)
                    #expect(found.theirs?.contains(Conflicting.firstLine[first]!) == true)
                }
            }
            // The text form lists them too: badge, evidence or field, ours, theirs.
            let text = try lab.box.dossier(["status"], in: lab.clone(second))
            #expect(text.status == 0)
            #expect(text.stdout.contains("ressources: level — ours « \(Conflicting.level[second]!) », theirs « \(Conflicting.level[first]!) »"),
                    "\(text)")
            #expect(text.stdout.contains("tutorat, evidence classe-virtuelle: title — ours « \(Conflicting.title[second]!) », theirs « \(Conflicting.title[first]!) »"),
                    "\(text)")
            #expect(text.stdout.contains("prospection: coverage"), "\(text)")
            #expect(text.stdout.contains("tutorat: narrative"), "\(text)")

            // Nothing changed here, nothing was sent.
            expectUnchanged(filesBefore, try lab.workingSnapshot(second), "a sync stopped on conflicts")
            #expect(try lab.head(second) == headBefore)
            #expect(try lab.remoteRefs() == remoteBefore, "a sync stopped on conflicts pushed something")
            try lab.expectNoConflictMarkers(second)
            let status = try lab.status(second)
            #expect(status.conflicts == conflicts)
            #expect(status.unsyncedSaves == 1)

            // save refuses, sync refuses, while conflicts are open.
            let save = try lab.dossier(second, ["save", "-m", "pendant le conflit", "--author", lab.author(second)])
            #expect(save.status == 1 && save.stderrLines.count == 1 && save.stderr.contains("conflict"), "\(save)")
            let again = try lab.sync(second).result
            #expect(again.status == 4 && again.stderrLines.count == 1, "\(again)")
            #expect(try lab.remoteRefs() == remoteBefore)

            // Settle badge by badge: ressources and tutorat take A's values, prospection B's.
            func side(keeping owner: String) -> String { owner == second ? "--ours" : "--theirs" }
            let r1 = try lab.dossierOK(second, ["resolve", "ressources", side(keeping: "a")])
            #expect(r1.stdout.contains("3 conflict(s) left"), "\(r1)")
            #expect(try lab.head(second) == headBefore, "no merge while conflicts remain")
            #expect(try lab.status(second).conflicts.count == 3)
            let r2 = try lab.dossierOK(second, ["resolve", "prospection", side(keeping: "b")])
            #expect(r2.stdout.contains("2 conflict(s) left"), "\(r2)")
            let unknown = try lab.dossier(second, ["resolve", "post-cfa", "--ours"])
            #expect(unknown.status != 0 && unknown.stderrLines.count == 1, "post-cfa has no conflict: \(unknown)")
            let r3 = try lab.dossierOK(second, ["resolve", "tutorat", side(keeping: "a")])
            #expect(r3.stdout.contains("Conflicts settled"), "\(r3)")
            #expect(try lab.parents(second) == [headBefore, remoteBefore["refs/heads/main"]!], "the merge has two parents")
            #expect(try lab.status(second).conflicts.isEmpty)
            #expect(try lab.git(second, ["status", "--porcelain"]).isEmpty, "the working files are the merge")
            #expect(try lab.remoteRefs() == remoteBefore, "resolve sends nothing")

            let sent = try lab.syncOK(second)
            #expect(sent.pushed && sent.sentSaves == 2, "\(sent)")
            #expect(try lab.remoteMain() == lab.head(second))
            #expect(try lab.syncOK(first).fastForwarded)
            #expect(try lab.remoteLogSubjects().contains("Synchronisation : fusion des modifications reçues"))
        })

        for (order, lab) in labs {
            for name in ["a", "b"] {
                #expect(try lab.claim(name, "ressources").level == 3, "\(order) \(name)")
                #expect(try lab.claim(name, "prospection").coverage == "11/12", "\(order) \(name)")
                let tutorat = try lab.claim(name, "tutorat")
                #expect(tutorat.entry("classe-virtuelle")?.title == Conflicting.title["a"], "\(order) \(name)")
                #expect(tutorat.effectiveNarrative.hasPrefix(Conflicting.firstLine["a"]! + "\n"), "\(order) \(name)")
                #expect(try lab.claim(name, "referent-numerique").status == "draft")
                // The changes that did not conflict are both in.
                #expect(try lab.claim(name, "attractivite").evidence.contains { $0.url == "https://videos.example.fr/portes-ouvertes" },
                        "\(order) \(name): A's link is lost")
                #expect(try lab.claim(name, "prospection").entry("etude-branche")?.title == "Étude de branche (synthèse revue par B)",
                        "\(order) \(name): B's retitle is lost")
            }
        }
    }

    @Test("dossier.yaml changed on both sides: the conflict has no badge, `resolve dossier` settles it")
    func identityConflict() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let names = ["a": "CFA du Bâtiment de Caen (poste A)", "b": "CFA du Bâtiment de Caen (poste B)"]
        let labs = try Self.bothOrders(box, edits: { lab in
            for name in ["a", "b"] {
                let url = lab.file(name, "dossier.yaml")
                var lines = try readText(url).components(separatedBy: "\n")
                let index = try #require(lines.firstIndex { $0.hasPrefix("name: ") })
                lines[index] = "name: \"\(names[name]!)\""
                try writeText(lines.joined(separator: "\n"), to: url)
                try lab.save(name, "\(name) : nom")
            }
        }, merge: { lab, order in
            try lab.syncOK(order.first)
            let (result, report) = try lab.sync(order.second)
            #expect(result.status == 4, "\(result)")
            let conflict = try #require(report?.conflicts.first)
            #expect(report?.conflicts.count == 1)
            #expect(conflict.badge == nil && conflict.file == "dossier.yaml" && conflict.field == "name")
            #expect(conflict.ours == names[order.second] && conflict.theirs == names[order.first])
            #expect(try lab.conflictedBadges(order.second) == ["dossier"])
            try lab.dossierOK(order.second, ["resolve", "dossier", order.second == "a" ? "--ours" : "--theirs"])
            #expect(try lab.parents(order.second).count == 2)
            try lab.syncOK(order.second)
            try lab.syncOK(order.first)
        })
        for (order, lab) in labs {
            for name in ["a", "b"] {
                let identity = try readText(lab.file(name, "dossier.yaml"))
                #expect(identity.split(separator: "\n").contains { $0 == "name: \"\(names["a"]!)\"" || $0 == "name: \(names["a"]!)" },
                        "\(order) \(name): \(identity)")
            }
        }
    }

    @Test("a conflict settled by a hand edit, then `dossier resolve --done`")
    func handEditDone() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let labs = try Self.bothOrders(box, edits: { lab in
            try lab.dossierOK("a", ["set", "tutorat", "coverage", "3/4"])
            try lab.dossierOK("b", ["set", "tutorat", "coverage", "2/4"])
            // A change in another badge, received during the conflict.
            try editEvidence(lab.claimURL("a", "prospection"), id: "etude-branche", field: "title", to: "Étude de branche (revue par A)")
            try lab.save("a", "A : couverture 3/4")
            try lab.save("b", "B : couverture 2/4")
        }, merge: { lab, order in
            try lab.syncOK(order.first)
            let remoteBefore = try lab.remoteMain()
            let headBefore = try lab.head(order.second)
            let stopped = try lab.sync(order.second)
            #expect(stopped.result.status == 4, "\(stopped.result)")
            #expect(stopped.report?.conflicts.map(\.field) == ["coverage"])
            // The person edits the claim by hand: neither value, a third one.
            let mine = order.second == "a" ? "3/4" : "2/4"
            try edit(lab.claimURL(order.second, "tutorat"), replacing: "coverage: \"\(mine)\"", with: "coverage: \"4/4\"")
            let done = try lab.dossierOK(order.second, ["resolve", "--done"])
            #expect(done.stdout.contains("Conflicts settled"), "\(done)")
            #expect(try lab.parents(order.second) == [headBefore, remoteBefore])
            #expect(try lab.claim(order.second, "tutorat", at: "HEAD").coverage == "4/4")
            let again = try lab.dossier(order.second, ["resolve", "--done"])
            #expect(again.status == 1 && again.stderr.contains("no conflict in progress"), "\(again)")
            try lab.syncOK(order.second)
            try lab.syncOK(order.first)
        })
        for (order, lab) in labs {
            for name in ["a", "b"] {
                #expect(try lab.claim(name, "tutorat").coverage == "4/4", "\(order) \(name)")
                #expect(try lab.claim(name, "prospection").entry("etude-branche")?.title == "Étude de branche (revue par A)",
                        "\(order) \(name)")
            }
        }
    }

    @Test("resolve --done keeps the received changes of the same claim that did not conflict")
    func handEditDoneKeepsReceivedChanges() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box)
        // A retitles an evidence of tutorat and sets its coverage; B sets another coverage.
        try editEvidence(lab.claimURL("a", "tutorat"), id: "tuteurs-missionnes", field: "title", to: "Formateurs missionnés (revu par A)")
        try lab.dossierOK("a", ["set", "tutorat", "coverage", "3/4"])
        try lab.save("a", "A : titre et couverture")
        try lab.dossierOK("b", ["set", "tutorat", "coverage", "2/4"])
        try lab.save("b", "B : couverture")
        try lab.syncOK("a")
        #expect(try lab.sync("b").result.status == 4)
        // The working file is B's save (by design: untouched during the conflict); the person fixes
        // the only conflict it reports.
        try edit(lab.claimURL("b", "tutorat"), replacing: "coverage: \"2/4\"", with: "coverage: \"4/4\"")
        try lab.dossierOK("b", ["resolve", "--done"])
        let merged = try lab.claim("b", "tutorat", at: "HEAD")
        #expect(merged.coverage == "4/4")
        do {
            #expect(merged.entry("tuteurs-missionnes")?.title == "Formateurs missionnés (revu par A)")
        }
        try lab.syncOK("b")
        try lab.syncOK("a")
        #expect(try lab.head("a") == lab.head("b"))
        try lab.expectFsckClean(["a", "b"])
    }

    @Test("deleted on one side, retitled on the other: a presence conflict; the evidence kept keeps its file", arguments: SyncOrder.allCases)
    func deletedAndRetitled(order: SyncOrder) throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box)
        let path = "badges/tutorat/evidence/tuteurs-distance-2025-2026.csv"
        let original = try readText(lab.file("a", path))
        try lab.dossierOK("a", ["remove", "tutorat", "tuteurs-missionnes"])
        try lab.save("a", "A : liste des tuteurs retirée")
        try editEvidence(lab.claimURL("b", "tutorat"), id: "tuteurs-missionnes", field: "title", to: "Liste des tuteurs (revue par B)")
        try lab.save("b", "B : liste des tuteurs retitrée")
        try lab.syncOK(order.first)
        let stopped = try lab.sync(order.second)
        #expect(stopped.result.status == 4, "\(stopped.result)")
        let conflict = try #require(stopped.report?.conflicts.first)
        #expect(conflict.badge == "tutorat" && conflict.evidence == "tuteurs-missionnes" && conflict.field == "presence", "\(conflict)")
        // Keep B's retitled entry: --ours where B merges, --theirs where A merges.
        try lab.dossierOK(order.second, ["resolve", "tutorat", order.second == "b" ? "--ours" : "--theirs"])
        try lab.syncOK(order.second)
        try lab.syncOK(order.first)
        #expect(try lab.head("a") == lab.head("b"))
        for name in ["a", "b"] {
            let entry = try lab.claim(name, "tutorat").entry("tuteurs-missionnes")
            #expect(entry?.title == "Liste des tuteurs (revue par B)", "\(name): the kept entry is not B's")
            #expect(entry?.file == "tuteurs-distance-2025-2026.csv")
            do {
                #expect(FileManager.default.fileExists(atPath: lab.file(name, path).path), "\(name): \(path) is gone")
                let check = try lab.dossierOK(name, ["check", "--json"]).json(CheckOutput.self)
                #expect(check.badge("tutorat")?.codes.contains("evidenceFileMissing") == false,
                        "\(name): \(String(describing: check.badge("tutorat")?.codes))")
            }
            if FileManager.default.fileExists(atPath: lab.file(name, path).path) {
                #expect(try readText(lab.file(name, path)) == original)
            }
        }
        try lab.expectFsckClean(["a", "b"])
    }

    // MARK: evidence files changed on both sides

    @Test("an evidence file changed differently on both sides: both versions kept and recorded, check reports versionConflict")
    func evidenceFileBothSides() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let path = "badges/tutorat/evidence/tuteurs-distance-2025-2026.csv"
        var hashes: [String: String] = [:]
        var bytes: [String: String] = [:]
        let labs = try Self.bothOrders(box, semanticDiff: false, comparedApart: ["tutorat"], edits: { lab in
            for name in ["a", "b"] {
                let url = lab.file(name, path)
                bytes[name] = try readText(url) + "Ajout du poste \(name.uppercased());tuteur;\(name)\n"
                try writeText(bytes[name]!, to: url)
                hashes[name] = try sha256sum(url)
                try lab.save(name, "\(name) : liste des tuteurs mise à jour")
                #expect(try lab.claim(name, "tutorat").entry("tuteurs-missionnes")?.sha256 == hashes[name], "save records the hash")
            }
        }, merge: { lab, order in
            let (first, second) = (order.first, order.second)
            try lab.syncOK(first)
            let result = try lab.dossier(second, ["sync"])
            #expect(result.status == 0, "both versions are kept: nothing to settle: \(result)")
            let copyName = "tuteurs-distance-2025-2026 (conflit \(hashes[first]!.prefix(7))).csv"
            #expect(result.stdout.contains("Both versions kept: tutorat/\(copyName)"), "\(result)")
            #expect(try lab.status(second).conflicts.isEmpty)
            try lab.syncOK(first)

            for name in ["a", "b"] {
                // The merging side's version at the path, the received one beside it.
                #expect(try readText(lab.file(name, path)) == bytes[second], "\(order) \(name)")
                #expect(try readText(lab.file(name, "badges/tutorat/evidence/\(copyName)")) == bytes[first], "\(order) \(name)")
                let claim = try lab.claim(name, "tutorat")
                let kept = try #require(claim.entry("tuteurs-missionnes"))
                #expect(kept.file == "tuteurs-distance-2025-2026.csv" && kept.sha256 == hashes[second])
                let received = try #require(claim.entry("tuteurs-missionnes-2"), "the received version is not recorded: \(claim.evidence)")
                #expect(received.title?.hasSuffix(" (version reçue)") == true, "\(received)")
                #expect(received.title == (kept.title ?? "") + " (version reçue)")
                #expect(received.file == copyName && received.criterion == kept.criterion)
                #expect(try received.sha256 == hashes[first] && received.sha256 == sha256sum(lab.file(name, "badges/tutorat/evidence/\(copyName)")))
                #expect(try received.size == fileSize(lab.file(name, "badges/tutorat/evidence/\(copyName)")))
                let check = try lab.dossierOK(name, ["check", "--json"]).json(CheckOutput.self)
                let problem = check.badge("tutorat")?.problems.first { $0.code == "versionConflict" }
                #expect(problem?.evidence == "tuteurs-missionnes-2", "\(String(describing: check.badge("tutorat")?.problems))")
                #expect(problem?.blocking == true)
                try lab.expectNoConflictMarkers(name)
            }
        })
        // Both orders keep the same two versions; which one is « received » depends on the order.
        var rest: [ClaimData] = []
        for lab in labs.values {
            var claim = try lab.claim("a", "tutorat")
            let versions = Set([claim.entry("tuteurs-missionnes")?.sha256, claim.entry("tuteurs-missionnes-2")?.sha256].compactMap { $0 })
            #expect(versions == Set(hashes.values))
            claim.evidence.removeAll { $0.id.hasPrefix("tuteurs-missionnes") }
            rest.append(claim)
        }
        #expect(rest.count == 2 && rest[0].differences(from: rest[1]).isEmpty, "\(rest[0].differences(from: rest[1]))")
    }

    @Test("the same narrative line changed on both sides: a conflict, never markers in the YAML")
    func narrativeSameLine() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box)
        let base = try lab.claim("a", "tutorat").effectiveNarrative
        for name in ["a", "b"] {
            try lab.dossierOK(name, ["set", "tutorat", "narrative", base.replacingOccurrences(of: "Quatre", with: "Poste \(name)")])
            try lab.save(name, "\(name) : récit")
        }
        try lab.syncOK("a")
        let before = try lab.workingSnapshot("b")
        let stopped = try lab.sync("b")
        #expect(stopped.result.status == 4)
        #expect(stopped.report?.conflicts.map(\.field) == ["narrative"])
        expectUnchanged(before, try lab.workingSnapshot("b"), "a narrative conflict")
        try lab.expectNoConflictMarkers("b")
        try lab.dossierOK("b", ["resolve", "tutorat", "--theirs"])
        try lab.expectNoConflictMarkers("b")
        #expect(try lab.claim("b", "tutorat").effectiveNarrative == base.replacingOccurrences(of: "Quatre", with: "Poste a"))
        // git itself sees no markers in any saved YAML either.
        let grep = try box.git(["grep", "-l", "-e", "<<<<<<<", "HEAD", "--", "*.yaml"], in: lab.clone("b"))
        #expect(grep.status == 1 && grep.stdout.isEmpty, "\(grep)")
        try lab.syncOK("b")
        try lab.syncOK("a")
        try lab.expectFsckClean(["a", "b"])
    }
}
