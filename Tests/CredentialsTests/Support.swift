import Credentials
import Foundation
import LinkedData
import Testing

/// Paths, sample awards and the external tools (Python verifier, jsonschema, Pillow, xmllint).
enum Support {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let ob3 = packageRoot.appendingPathComponent("Tests/Reference/ob3")
    static let testdata = ob3.appendingPathComponent("tools/testdata")
    static let python = packageRoot.appendingPathComponent(".build-venv/bin/python").path

    static func json(_ name: String) throws -> JSONValue {
        try JSONValue.parse(Array(try Data(contentsOf: testdata.appendingPathComponent(name))))
    }

    static func date(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text) ?? Date(timeIntervalSince1970: 0)
    }

    static let profile = IssuerProfile(
        id: "https://badges.normandie.example/issuer", name: "Région Normandie",
        url: "https://www.normandie.fr", email: "label-numerique@normandie.example")

    static let statusURL = "https://badges.normandie.example/status/1"

    static func achievement(label: Bool = false) -> AchievementDefinition {
        AchievementDefinition(
            id: "https://badges.normandie.example/achievements/" + (label ? "label" : "formation-distance"),
            name: label ? "CFA numérique normand" : "Formation à distance",
            description: label ? "Label de la Région Normandie pour les CFA engagés dans le numérique."
                : "Le CFA propose des parcours de formation à distance tutorés.",
            criteriaURL: "https://badges.normandie.example/achievements/formation-distance/criteres",
            criteriaNarrative: "## Critères\n\n- 3 preuves sur 4\n- « plateforme » documentée",
            achievementType: label ? "QualityAssuranceCredential" : "Badge",
            version: "2026.1",
            previous: (id: "https://badges.normandie.example/achievements/formation-distance/2025.1", version: "2025.1"))
    }

    static func award(uai: String = "0761234A", name: String = "CFA des Métiers de Rouen", index: Int = 7,
                      from: String = "2026-03-01T00:00:00Z", until: String? = "2029-03-01T00:00:00Z") -> AwardDetails {
        AwardDetails(
            credentialID: "https://badges.normandie.example/credentials/\(uai)/formation-distance",
            achievement: achievement(), recipientURL: "https://badges.normandie.example/cfa/\(uai)", uai: uai, recipientName: name,
            validFrom: date(from), validUntil: until.map(date), awardedDate: date("2025-03-01T00:00:00Z"),
            submissionTag: "soumission/2026-02-15", submissionCommit: "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
            statusListURL: statusURL, statusListIndex: index)
    }

    /// A temporary folder removed at the end of `body`.
    static func withFolder<T>(_ body: (String) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ob3-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return try body(folder)
    }

    struct Run { let status: Int32; let output: String }

    static func run(_ executable: String, _ arguments: [String], input: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    static func requirePython() throws -> String {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw ToolMissing(what: "\(python): run scripts/install-deps.sh (venv with pyld, jsonschema, cryptography, jwcrypto, pillow)")
        }
        return python
    }

    struct ToolMissing: Error, CustomStringConvertible { let what: String; var description: String { what } }

    /// A 1×1 PNG (red pixel), standing for the Région's artwork.
    static let tinyPNG: [UInt8] = Array(Data(base64Encoded:
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC") ?? Data())

    static let badgeSVG = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- badge -->
        <svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" viewBox="0 0 200 200" aria-label="Badge > formation">
          <circle cx="100" cy="100" r="90" fill="#c9a227"/>
          <text x="100" y="105" text-anchor="middle">Formation à distance</text>
        </svg>
        """
}
