import Foundation
import Testing
import TestServers

/// Messages follow LANG; `--lang` overrides it.
@Suite("Language")
struct LanguageTests {
    @Test("a failing command: French with LANG=fr_FR.UTF-8, English with C.UTF-8, --lang wins")
    func failingCommand() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let empty = box.url("vide")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let path = empty.path

        let french = try box.dossier(["status"], in: empty, lang: "fr_FR.UTF-8")
        #expect(french.status == 1)
        #expect(french.stderrLines == ["pas de dossier ici (\(path)) : lancez « dossier init » ou placez-vous dans un dossier"])
        let english = try box.dossier(["status"], in: empty, lang: "C.UTF-8")
        #expect(english.status == 1)
        #expect(english.stderrLines == ["not inside a dossier (\(path)): run `dossier init` or change to a dossier folder"])

        let forcedFrench = try box.dossier(["status", "--lang", "fr"], in: empty, lang: "C.UTF-8")
        #expect(forcedFrench.stderrLines == french.stderrLines)
        let forcedEnglish = try box.dossier(["status", "--lang", "en"], in: empty, lang: "fr_FR.UTF-8")
        #expect(forcedEnglish.stderrLines == english.stderrLines)
        let equalsForm = try box.dossier(["status", "--lang=fr"], in: empty, lang: "en_GB.UTF-8")
        #expect(equalsForm.stderrLines == french.stderrLines)

        // LC_ALL, then LC_MESSAGES, take precedence over LANG.
        let lcAll = try box.dossier(["status"], in: empty, lang: "C.UTF-8", environment: ["LC_ALL": "fr_FR.UTF-8"])
        #expect(lcAll.stderrLines == french.stderrLines)
        let lcMessages = try box.dossier(["status"], in: empty, lang: "fr_FR.UTF-8", environment: ["LC_MESSAGES": "en_US.UTF-8"])
        #expect(lcMessages.stderrLines == english.stderrLines)

        let badLang = try box.dossier(["status", "--lang", "de"], in: empty)
        #expect(badLang.status == 64)
        #expect(badLang.stderr.contains("--lang takes fr or en"))
    }

    @Test("file errors and check output are localised; problem codes are not")
    func localisedCheck() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "boulangerie-rouen", uai: "0761234D")

        let fr = try box.dossierOK(["check"], in: dir, lang: "fr_FR.UTF-8").stdout
        #expect(fr.contains("première attribution"))
        #expect(fr.contains("critère sans preuve : evaluer"))
        #expect(fr.contains("Label : 4/10 badges prêts, 2/5 obligatoires."))
        #expect(fr.contains("pas commencé"))
        let en = try box.dossierOK(["check"], in: dir, lang: "C.UTF-8").stdout
        #expect(en.contains("criterion without evidence: evaluer"))
        #expect(en.contains("Label: 4/10 badges ready, 2/5 mandatory."))

        let frJSON = try box.dossierOK(["check", "--json"], in: dir, lang: "fr_FR.UTF-8").json(CheckOutput.self)
        let enJSON = try box.dossierOK(["check", "--json", "--lang", "en"], in: dir, lang: "fr_FR.UTF-8").json(CheckOutput.self)
        #expect(frJSON.badges.map(\.codes) == enJSON.badges.map(\.codes))
        #expect(frJSON.badge("apprentis")?.problems.first?.message == "critère sans preuve : evaluer")
        #expect(enJSON.badge("apprentis")?.problems.first?.message == "criterion without evidence: evaluer")

        let claim = dir.appendingPathComponent("badges/tutorat/claim.yaml")
        try writeText(try readText(claim) + "couleur: bleu\n", to: claim)
        let line = try #require(lineNumber(of: "couleur: bleu", in: try readText(claim)))
        let frError = try box.dossier(["check"], in: dir, lang: "fr_FR.UTF-8")
        #expect(frError.status == 1)
        #expect(frError.stderrLines == ["badges/tutorat/claim.yaml:\(line): champ inconnu : couleur"])
        let enError = try box.dossier(["check"], in: dir, lang: "C.UTF-8")
        #expect(enError.stderrLines == ["badges/tutorat/claim.yaml:\(line): unknown field: couleur"])
    }

    @Test("help follows the language: « Vérifie chaque badge » in French")
    func help() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let fr = try box.dossierOK(["check", "--help"], in: box.root, lang: "fr_FR.UTF-8").stdout
        #expect(fr.contains("Vérifie chaque badge"))
        #expect(fr.contains("--renewal"))
        #expect(fr.contains("Sortie JSON."))
        let en = try box.dossierOK(["check", "--help"], in: box.root, lang: "C.UTF-8").stdout
        #expect(en.contains("Check every badge"))
        #expect(en.contains("JSON output."))
        let forced = try box.dossierOK(["check", "--help", "--lang", "fr"], in: box.root, lang: "C.UTF-8").stdout
        #expect(forced.contains("Vérifie chaque badge"))

        let rootFr = try box.dossierOK(["--help"], in: box.root, lang: "fr_FR.UTF-8").stdout
        #expect(rootFr.contains("Codes de sortie"))
        let rootEn = try box.dossierOK(["--help"], in: box.root, lang: "C.UTF-8").stdout
        #expect(rootEn.contains("Exit codes"))
        for command in ["init", "catalogue", "add", "link", "remove", "set", "check", "save", "status", "log", "diff"] {
            #expect(rootEn.contains("  \(command) "), "root help lists \(command)")
            #expect(rootFr.contains("  \(command) "), "root help lists \(command)")
        }
    }

    @Test("success messages are localised too")
    func successMessages() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let created = try box.dossierOK(["init", "cfa", "--uai", "0141234R", "--name", "CFA", "--author", testAuthor],
                                        in: box.root, lang: "fr_FR.UTF-8")
        #expect(created.stdout.contains("Dossier créé dans"))
        let dir = box.url("cfa")
        #expect(try box.gitOK(["log", "--format=%s"], in: dir) == "Création du dossier", "the first save message follows the language")
        let set = try box.dossierOK(["set", "tutorat", "status", "ready"], in: dir, lang: "fr_FR.UTF-8")
        #expect(set.stdout == "tutorat : status mis à jour.\n")
        let setEn = try box.dossierOK(["set", "tutorat", "status", "draft"], in: dir, lang: "C.UTF-8")
        #expect(setEn.stdout == "tutorat: status updated.\n")
        let status = try box.dossierOK(["status"], in: dir, lang: "fr_FR.UTF-8").stdout
        #expect(status.contains("Tout est enregistré."))
    }
}
