import Foundation
import Testing
@testable import DossierCore

/// The built-in catalogue is compiled into the tool (`Catalogue+Builtin.swift`) rather than parsed
/// from `Resources/catalogue.yaml` at every start: the compiled values must be exactly what the file
/// says. After editing the YAML, regenerate with
/// `DOSSIER_REGENERATE=1 swift test --filter CompiledCatalogueTests` (the test then writes the file).
@Suite("the built-in catalogue, compiled")
struct CompiledCatalogueTests {
    static let generatedFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/DossierCore/Catalogue+Builtin.swift")

    @Test func theCompiledCatalogueIsTheYAMLFile() throws {
        let parsed = try Catalogue.load(Catalogue.builtinBytes, file: "catalogue.yaml")
        #expect(try Catalogue.builtin() == parsed)
        #expect(parsed.badges.count == 12)
    }

    @Test func theGeneratedSourceIsUpToDate() throws {
        let parsed = try Catalogue.load(Catalogue.builtinBytes, file: "catalogue.yaml")
        let source = CatalogueSwiftSource.file(for: parsed)
        if ProcessInfo.processInfo.environment["DOSSIER_REGENERATE"] == "1" {
            try source.write(to: Self.generatedFile, atomically: true, encoding: .utf8)
        }
        let current = try String(contentsOf: Self.generatedFile, encoding: .utf8)
        #expect(current == source, "Catalogue+Builtin.swift is not what catalogue.yaml gives: DOSSIER_REGENERATE=1 swift test --filter CompiledCatalogueTests")
    }

    @Test func stringsSurviveTheSwiftLiteral() {
        #expect(CatalogueSwiftSource.literal("a \"b\" \\ c\n\td\u{1}é") == #""a \"b\" \\ c\n\td\u{1}é""#)
    }
}

/// Writes a catalogue as Swift source (the generator of `Catalogue+Builtin.swift`).
enum CatalogueSwiftSource {
    static func file(for catalogue: Catalogue) -> String {
        var out = """
        // Generated from Resources/catalogue.yaml by Tests/DossierCoreTests/CompiledCatalogueTests.swift:
        // do not edit; after changing the YAML, run `DOSSIER_REGENERATE=1 swift test --filter CompiledCatalogueTests`.

        extension Catalogue {
            /// `Resources/catalogue.yaml`, as values (see `Catalogue.builtin()`).
            static let builtinCompiled = Catalogue(
                version: \(literal(catalogue.version)),
                label: Label(id: \(literal(catalogue.label.id)), title: \(literal(catalogue.label.title)),
                             badgesRequired: \(catalogue.label.badgesRequired),
                             description: \(literal(catalogue.label.description))),
                badges: [

        """
        for badge in catalogue.badges {
            out += """
                        Badge(
                            id: \(literal(badge.id)), number: \(badge.number), title: \(literal(badge.title)),
                            summary: \(literal(badge.summary)),
                            recognises: \(literal(badge.recognises)),
                            mandatory: \(badge.mandatory), validityYears: \(badge.validityYears),
                            criteria: [\(badge.criteria.map { "\n                    Criterion(id: \(literal($0.id)), text: \(literal($0.text)))," }.joined())
                            ],
                            requirement: Requirement(required: \(strings(badge.requirement.required)), atLeast: \(badge.requirement.atLeast), among: \(strings(badge.requirement.among))),
                            levels: [\(badge.levels.map { "LevelCriterion(level: \($0.level), criterion: \(literal($0.criterion)))" }.joined(separator: ", "))],
                            firstAward: [\(badge.firstAward.map(rule).joined(separator: ", "))],
                            renewal: [\(badge.renewal.map(rule).joined(separator: ", "))],
                            rulesText: \(badge.rulesText.map(literal) ?? "nil")),

                """
        }
        out += """
                ])
        }

        """
        return out
    }

    static func rule(_ rule: Rule) -> String {
        switch rule {
        case .minLevel(let level): ".minLevel(\(level))"
        case .fullCoverage(let of): ".fullCoverage(of: \(literal(of)))"
        case .evidenceUpdatedSinceAward: ".evidenceUpdatedSinceAward"
        }
    }

    static func strings(_ values: [String]) -> String { "[" + values.map(literal).joined(separator: ", ") + "]" }

    /// A Swift string literal: quotes, backslashes and control characters escaped.
    static func literal(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
