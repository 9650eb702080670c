import DossierCore

/// One problem of a submission's check, as the store keeps it: the problem's code with its
/// arguments (`{"code": "levelTooLow", "args": ["1", "2"]}`), rendered in the reader's language
/// when shown. Rows written before codes were stored hold one English line each: `legacy`.
public enum CheckProblem: Sendable, Equatable, Codable, Localized {
    case problem(Problem)
    case legacy(String)

    public func text(_ lang: Lang) -> String {
        switch self {
        case .problem(let problem): problem.text(lang)
        case .legacy(let line): line
        }
    }

    /// The problem's stable code (a legacy line starts with it).
    public var code: String {
        switch self {
        case .problem(let problem): problem.code
        case .legacy(let line): String(line.prefix { $0 != ":" })
        }
    }

    private struct Coded: Codable {
        let code: String
        let args: [String]
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let line = try? container.decode(String.self) {
            self = .legacy(line)
            return
        }
        let coded = try container.decode(Coded.self)
        guard let problem = Self.problem(code: coded.code, args: coded.args) else {
            self = .legacy("\(coded.code): \(coded.args.joined(separator: ", "))")
            return
        }
        self = .problem(problem)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .legacy(let line): try container.encode(line)
        case .problem(let problem): try container.encode(Coded(code: problem.code, args: Self.arguments(of: problem)))
        }
    }

    static func arguments(of problem: Problem) -> [String] {
        switch problem {
        case .notStarted, .draft, .noUpdateSinceAward, .awardSnapshotUnknown, .contactMissing, .referentMissing: []
        case .criterionWithoutEvidence(let criterion): [criterion]
        case .tooFewCriteria(let needed, let met, let among): [String(needed), String(met)] + among
        case .unknownCriterion(let evidence, let criterion): [evidence, criterion]
        case .evidenceFileMissing(let evidence, let path), .evidenceHashChanged(let evidence, let path),
             .evidenceHashNotRecorded(let evidence, let path), .versionConflict(let evidence, let path),
             .mediaDamaged(let evidence, let path), .mediaNotDownloaded(let evidence, let path),
             .mediaPointerMalformed(let evidence, let path): [evidence, path]
        case .unrecordedFile(let path): [path]
        case .levelMissing(let required): [String(required)]
        case .levelTooLow(let level, let required): [String(level), String(required)]
        case .levelNotBacked(let level, let criterion): [String(level), criterion]
        case .coverageMissing(let of): [of]
        case .coverageIncomplete(let coverage, let of): [coverage.description, of]
        case .catalogueVersionMismatch(let dossier, let catalogue): [dossier, catalogue]
        }
    }

    static func problem(code: String, args a: [String]) -> Problem? {
        func int(_ index: Int) -> Int? { index < a.count ? Int(a[index]) : nil }
        switch (code, a.count) {
        case ("notStarted", 0): return .notStarted
        case ("draft", 0): return .draft
        case ("noUpdateSinceAward", 0): return .noUpdateSinceAward
        case ("awardSnapshotUnknown", 0): return .awardSnapshotUnknown
        case ("contactMissing", 0): return .contactMissing
        case ("referentMissing", 0): return .referentMissing
        case ("criterionWithoutEvidence", 1): return .criterionWithoutEvidence(criterion: a[0])
        case ("tooFewCriteria", 2...):
            guard let needed = int(0), let met = int(1) else { return nil }
            return .tooFewCriteria(needed: needed, met: met, among: Array(a.dropFirst(2)))
        case ("unknownCriterion", 2): return .unknownCriterion(evidence: a[0], criterion: a[1])
        case ("evidenceFileMissing", 2): return .evidenceFileMissing(evidence: a[0], path: a[1])
        case ("evidenceHashChanged", 2): return .evidenceHashChanged(evidence: a[0], path: a[1])
        case ("evidenceHashNotRecorded", 2): return .evidenceHashNotRecorded(evidence: a[0], path: a[1])
        case ("versionConflict", 2): return .versionConflict(evidence: a[0], path: a[1])
        case ("mediaDamaged", 2): return .mediaDamaged(evidence: a[0], path: a[1])
        case ("mediaNotDownloaded", 2): return .mediaNotDownloaded(evidence: a[0], path: a[1])
        case ("mediaPointerMalformed", 2): return .mediaPointerMalformed(evidence: a[0], path: a[1])
        case ("unrecordedFile", 1): return .unrecordedFile(path: a[0])
        case ("levelMissing", 1): return int(0).map { .levelMissing(required: $0) }
        case ("levelTooLow", 2):
            guard let level = int(0), let required = int(1) else { return nil }
            return .levelTooLow(level: level, required: required)
        case ("levelNotBacked", 2): return int(0).map { .levelNotBacked(level: $0, criterion: a[1]) }
        case ("coverageMissing", 1): return .coverageMissing(of: a[0])
        case ("coverageIncomplete", 2): return Coverage(a[0]).map { .coverageIncomplete(coverage: $0, of: a[1]) }
        case ("catalogueVersionMismatch", 2): return .catalogueVersionMismatch(dossier: a[0], catalogue: a[1])
        default: return nil
        }
    }
}
