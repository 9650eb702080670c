import ArgumentParser
import Testing
@testable import DossierCLI
@testable import DossierCore

/// swift-argument-parser's usage errors said in French: each kind is produced by the real parser,
/// so a parser upgrade that rewords one fails here.
@Suite("Usage errors in the user's language")
struct UsageErrorTextTests {
    func message(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) -> String {
        do {
            _ = try DossierCommand.parseAsRoot(arguments)
            Issue.record("\(arguments) should not parse", sourceLocation: sourceLocation)
            return ""
        } catch {
            #expect(DossierCommand.exitCode(for: error) == .validationFailure, sourceLocation: sourceLocation)
            return DossierCommand.message(for: error)
        }
    }

    func french(_ arguments: [String]) -> String { UsageErrorText.text(message(arguments), lang: .fr) }

    @Test("missing argument, missing value, unknown option, bad value, unexpected argument, in French")
    func french() {
        #expect(french(["save"]) == "argument manquant : « --message <message> »")
        #expect(french(["log", "-n"]) == "valeur manquante pour « -n <limit> »")
        #expect(french(["status", "--jsn"]) == "option inconnue « --jsn » (vouliez-vous dire « --json » ?)")
        #expect(french(["status", "--zzzzzzzz"]) == "option inconnue « --zzzzzzzz »")
        #expect(french(["log", "-n", "beaucoup"]) == "valeur « beaucoup » invalide pour « -n <limit> »")
        #expect(french(["status", "de", "trop"]) == "2 arguments en trop : « de », « trop »")
        #expect(french(["status", "trop"]) == "argument en trop : « trop »")
        #expect(french(["status", "--json=oui"]) == "l'option « --json » ne prend pas de valeur, « oui » donné")
        #expect(french(["hub", "export", "--format", "csv", "--date"]).hasPrefix("valeur manquante pour « --date"))
    }

    @Test("no English sentence is left in the French messages of the common mistakes")
    func noEnglishLeft() {
        for arguments in [["save"], ["log", "-n"], ["status", "--jsn"], ["log", "-n", "x"], ["status", "a", "b"], ["status", "a"],
                          ["add", "tutorat"], ["hub", "vote"], ["init", "--uai"], ["status", "--json=1"]] {
            let text = french(arguments)
            for word in ["Missing", "Unknown", "Unexpected", "is invalid", "Did you mean", "expected", "does not take"] {
                #expect(!text.contains(word), "\(arguments): \(text)")
            }
        }
    }

    @Test("a value outside a fixed list (kind, field, role, verdict, format): one line that names the accepted values, in French and in English")
    func valueOutsideTheList() {
        let cases: [(arguments: [String], fr: String, en: String)] = [
            (["link", "t", "https://x", "--criterion", "c", "--title", "T", "--kind", "podcast"],
             "valeur « podcast » invalide pour « --kind <kind> » ; valeurs possibles : video, lms, web",
             "The value 'podcast' is invalid for '--kind <kind>'. Please provide one of 'video', 'lms' or 'web'."),
            (["set", "tutorat", "couleur", "bleu"],
             "valeur « couleur » invalide pour « <field> » ; valeurs possibles : status, level, coverage, narrative",
             "The value 'couleur' is invalid for '<field>'. Please provide one of 'status', 'level', 'coverage' or 'narrative'."),
            (["hub", "member", "add", "jean", "--role", "chef"],
             "valeur « chef » invalide pour « --role <role> » ; valeurs possibles : cfa-pilote, badgeons, region",
             "The value 'chef' is invalid for '--role <role>'. Please provide one of 'cfa-pilote', 'badgeons' or 'region'."),
            (["hub", "vote", "0141234R", "tutorat", "bof", "--member", "m", "-m", "r"],
             "valeur « bof » invalide pour « <verdict> » ; valeurs possibles : approve, reject, changes, withdraw",
             "The value 'bof' is invalid for '<verdict>'. Please provide one of 'approve', 'reject', 'changes' or 'withdraw'."),
            (["hub", "export", "--format", "xls"],
             "valeur « xls » invalide pour « --format <format> » ; valeurs possibles : csv, json",
             "The value 'xls' is invalid for '--format <format>'. Please provide one of 'csv' and 'json'."),
        ]
        for (arguments, fr, en) in cases {
            let parsed = message(arguments)
            #expect(UsageErrorText.text(parsed, lang: .fr) == fr, "\(arguments)")
            #expect(UsageErrorText.text(parsed, lang: .en) == en, "\(arguments)")
        }
        // The language: checked by the command (the parser would name neither its value nor the accepted ones).
        #expect(["--lang accepte fr ou en", "--lang takes fr or en"].contains(message(["status", "--lang", "de"])))
    }

    @Test("English stays the parser's English; our own messages pass through")
    func english() {
        #expect(UsageErrorText.text(message(["save"]), lang: .en) == "Missing expected argument '--message <message>'")
        #expect(UsageErrorText.text("--format accepte csv ou json", lang: .fr) == "--format accepte csv ou json")
    }

    @Test("a parser message on several lines becomes one line")
    func oneLine() {
        #expect(UsageErrorText.text("Unknown option '-xy'\n   or: Missing value for '-x <x>' in '-xy'", lang: .fr)
                == "option inconnue « -xy » ou : valeur manquante pour « -x <x> » dans « -xy »")
        #expect(UsageErrorText.text("The value 'z' is invalid for '--kind <kind>'. Please provide one of the following:\n  - a\n  - b", lang: .fr)
                == "valeur « z » invalide pour « --kind <kind> » ; valeurs possibles : a, b")
    }
}
