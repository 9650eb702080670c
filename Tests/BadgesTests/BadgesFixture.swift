import Credentials
import DossierCore
import Foundation
import LinkedData
import Testing
import TestServers
@testable import Hub
@testable import HubReview

/// The two `ReviewStore` implementations, for tests run against both.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, memory
    var testDescription: String { rawValue }
}

private let badgesCatalogue = Result { try Catalogue.builtin() }

/// A hub (SQLite or memory store) with issuer keys unless told otherwise, two CFAs and a peer group.
struct BadgesFixture {
    static let caen = "0141234R"
    static let rouen = "0761234D"
    static let baseURL = "https://badges.normandie.example"

    /// Noon UTC of a day (the same day in Normandy).
    static func moment(_ day: String) -> Date {
        let parsed = Day(day)!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: parsed.year, month: parsed.month, day: parsed.day, hour: 12))!
    }

    let folder: TemporaryFolder
    let kind: StoreKind
    var hub: Hub
    var root: String { folder.path + "/hub" }
    var catalogue: Catalogue { hub.catalogue }

    init(_ kind: StoreKind = .memory, keys: Bool = true, baseURL: String = BadgesFixture.baseURL) throws {
        folder = try TemporaryFolder(prefix: "hub-badges")
        self.kind = kind
        let catalogue = try badgesCatalogue.get()
        let settings = HubSettings(issuerEmail: "label-numerique@normandie.example", publicURL: baseURL)
        let root = folder.path + "/hub"
        switch kind {
        case .sqlite:
            hub = try Hub.create(at: root, settings: settings, catalogue: catalogue)
        case .memory:
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            hub = Hub(root: root, settings: settings, store: MemoryReviewStore(), catalogue: catalogue)
        }
        if keys { try IssuerKeyStore(folder: hub.keysFolder).initialize(now: Self.moment("2026-01-01")) }
        let now = Self.moment("2026-01-05")
        for (uai, name) in [(Self.caen, "CFA de Caen <Métiers & Arts>"), (Self.rouen, "CFA de Rouen")] {
            _ = try hub.register(uai: uai, url: "https://git.example.fr/\(uai).git", name: name, now: now)
        }
        _ = try hub.addMember(id: "badgeons-1", role: .badgeons, uai: nil, now: now)
        for id in ["region-1", "region-2"] { _ = try hub.addMember(id: id, role: .region, uai: nil, now: now) }
    }

    func remove() { folder.remove() }

    static func commit(_ uai: String, _ badge: String, _ n: Int) -> String {
        let seed = "\(uai)/\(badge)/\(n)".unicodeScalars.reduce(UInt64(1469598103934665603)) { ($0 ^ UInt64($1.value)) &* 1099511628211 }
        return String(repeating: String(seed, radix: 16, uppercase: false), count: 3).padding(toLength: 40, withPad: "0", startingAt: 0)
    }

    /// Submits `badge`, gathers the default quorum and awards it on `day`.
    @discardableResult
    func award(_ uai: String, _ badge: String, on day: String, n: Int = 1) throws -> Award {
        let now = Self.moment(day)
        let tag = "submissions/\(badge)/\(day)-\(n)"
        let commit = Self.commit(uai, badge, n)
        let submission = Submission(uai: uai, badge: badge, tag: tag, tagTarget: commit, commit: commit, kind: n == 1 ? .first : .renewal,
                                    submittedAt: now, ingestedAt: now, ready: true, problems: [], message: "Demande\n")
        _ = try hub.store.write { tx in try tx.insert(submission, evidence: []) }
        try hub.vote(uai: uai, badge: badge, memberID: "badgeons-1", verdict: .approve, reason: "Preuves solides", now: now)
        try hub.vote(uai: uai, badge: badge, memberID: "region-2", verdict: .approve, reason: "Conforme", now: now)
        return try hub.award(uai: uai, badge: badge, memberID: "region-1", day: Day(day)!, now: now)
    }

    /// Awards the five mandatory badges, then optional ones up to the label's count.
    func earnTheLabel(_ uai: String, on day: String = "2026-01-15") throws {
        let mandatory = catalogue.mandatoryBadges.map(\.id)
        let optional = catalogue.badges.filter { !$0.mandatory }.map(\.id)
        for badge in (mandatory + optional).prefix(catalogue.label.badgesRequired) { try award(uai, badge, on: day) }
    }

    func credential(_ uai: String, _ badge: String) throws -> BadgeCredential? {
        try hub.badgeCredentials(uai: uai).first { $0.badge == badge }
    }

    func issuerDocuments() throws -> PublishedIssuer { try #require(try hub.publishedIssuerDocuments()) }

    /// Our verifier, with the keys of the published Profile and the stored status list.
    func verify(_ text: String, on day: String = "2026-06-01") throws -> VerificationReport {
        let documents = try issuerDocuments()
        let profile = try JSONValue.parse(documents.profile)
        let statusList = try JSONValue.parse(documents.statusList)
        let verifier = CredentialVerifier(trustedKeys: try TrustedKeys(profile: profile),
                                          statusLists: [PublicationLayout(baseURL: hub.settings.publicURL).statusListURL(): statusList],
                                          now: Self.moment(day))
        return verifier.verify(try CredentialInput.read(text: text))
    }
}

/// The independent tools of Tests/Reference/ob3 in the project's venv.
enum Tools {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let ob3 = packageRoot.appendingPathComponent("Tests/Reference/ob3")
    static let python = packageRoot.appendingPathComponent(".build-venv/bin/python").path

    static func run(_ arguments: [String]) throws -> ProcessResult {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw TestServerError("\(python): run scripts/install-deps.sh")
        }
        return try ProcessRunner.run(python, arguments)
    }

    /// ob3verify.py on `file`, with the keys of the published Profile (`--key`, `--jwk`) and the status list.
    static func ob3verify(_ file: String, documents: PublishedIssuer, folder: TemporaryFolder, now: String = "2026-06-01T00:00:00Z") throws -> ProcessResult {
        let profile = try JSONValue.parse(documents.profile)
        var arguments = [ob3.appendingPathComponent("tools/ob3verify.py").path, file, "--now", now]
        var jwks: [JSONValue] = []
        for method in (profile["verificationMethod"] ?? .null).asArray {
            guard let id = method["id"]?.stringValue else { continue }
            if let multibase = method["publicKeyMultibase"]?.stringValue { arguments += ["--key", "\(id)=\(multibase)"] }
            if case .object(var jwk)? = method["publicKeyJwk"] {
                jwk["kid"] = .string(id)
                jwks.append(.object(jwk))
            }
        }
        let jwksFile = try folder.write(JSONValue.object(JSONObject([("keys", .array(jwks))])).serialized(), to: "jwks.json")
        let statusFile = try folder.write(documents.statusList, to: "status-list.json")
        arguments += ["--jwk", jwksFile.path, "--status", statusFile.path]
        return try run(arguments)
    }

    /// Python jsonschema (Draft 2019-09, formats checked) against the official strict schemas.
    static func schemaErrors(_ pairs: [(schema: String, file: String)]) throws -> ProcessResult {
        let script = """
            import json, sys
            from jsonschema import Draft201909Validator
            ob3 = sys.argv[1]
            failures = 0
            for schema, path in zip(sys.argv[2::2], sys.argv[3::2]):
                v = Draft201909Validator(json.load(open(ob3 + "/" + schema)), format_checker=Draft201909Validator.FORMAT_CHECKER)
                for e in v.iter_errors(json.load(open(path))):
                    print(path, "/".join(map(str, e.absolute_path)), e.message[:200])
                    failures += 1
            sys.exit(1 if failures else 0)
            """
        return try run(["-c", script, ob3.path] + pairs.flatMap { [$0.schema, $0.file] })
    }
}
