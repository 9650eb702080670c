import Foundation

/// A badge claim, from `badges/<badge-id>/claim.yaml`: status, narrative, rule fields and evidence.
public struct Claim: Sendable, Equatable {
    public enum Status: String, Sendable, Encodable, CaseIterable { case draft, ready }

    public var status: Status
    public var narrative: String
    /// A level, for badges whose rules ask one (ressources: 1 to 3).
    public var level: Int?
    /// How much of what the badge concerns is covered (all trainings, all groups).
    public var coverage: Coverage?
    public var evidence: [Evidence]

    public init(status: Status = .draft, narrative: String = "", level: Int? = nil, coverage: Coverage? = nil, evidence: [Evidence] = []) {
        self.status = status
        self.narrative = narrative
        self.level = level
        self.coverage = coverage
        self.evidence = evidence
    }

    public func evidence(_ id: String) -> Evidence? { evidence.first { $0.id == id } }

    /// The path of a badge's claim file.
    public static func path(badge: String) -> String { "badges/\(badge)/claim.yaml" }

    /// The folder that holds a badge's evidence files.
    public static func evidenceFolder(badge: String) -> String { "badges/\(badge)/evidence" }

    /// An evidence id not yet used in this claim, derived from `text`.
    public func freshEvidenceID(from text: String) -> String {
        let base = Evidence.slug(text)
        var candidate = base
        var counter = 2
        while evidence(candidate) != nil {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        return candidate
    }
}

/// How much of a population a badge covers, written `covered/total` (e.g. `8/12`).
public struct Coverage: Sendable, Equatable, Encodable, CustomStringConvertible {
    public let covered: Int
    public let total: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let covered = Int(parts[0]), let total = Int(parts[1]),
              total > 0, covered >= 0, covered <= total else { return nil }
        self.covered = covered
        self.total = total
    }

    public var isFull: Bool { covered == total }
    public var description: String { "\(covered)/\(total)" }
}

/// One piece of evidence: a file kept in the badge's evidence folder, or an online resource.
public struct Evidence: Sendable, Equatable {
    public enum Kind: String, Sendable, Encodable, CaseIterable { case video, lms, web }

    /// Where the evidence is.
    public enum Location: Sendable, Equatable {
        /// A file, relative to the badge's evidence folder, with its recorded hash and size.
        case file(path: String, sha256: String?, size: Int?)
        case url(String, kind: Kind)

        /// Same file content (path and hash) or same address; a link's kind is a label, not content.
        public func hasSameContent(as other: Location) -> Bool {
            switch (self, other) {
            case (.file(let path, let sha, _), .file(let otherPath, let otherSHA, _)): path == otherPath && sha == otherSHA
            case (.url(let url, _), .url(let otherURL, _)): url == otherURL
            default: false
            }
        }
    }

    public let id: String
    public var title: String
    public var criterion: String
    public var location: Location
    /// Line of the entry in `claim.yaml`, for messages; not part of the evidence's identity.
    public var line: Int?

    public init(id: String, title: String, criterion: String, location: Location, line: Int? = nil) {
        self.id = id
        self.title = title
        self.criterion = criterion
        self.location = location
        self.line = line
    }

    public var filePath: String? {
        if case .file(let path, _, _) = location { return path }
        return nil
    }

    public var sha256: String? {
        if case .file(_, let sha, _) = location { return sha }
        return nil
    }

    public var url: String? {
        if case .url(let url, _) = location { return url }
        return nil
    }

    public static func == (lhs: Evidence, rhs: Evidence) -> Bool {
        lhs.id == rhs.id && lhs.title == rhs.title && lhs.criterion == rhs.criterion && lhs.location == rhs.location
    }

    /// Online evidence lives at an absolute http(s) address.
    public static func isValidURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else { return false }
        return ["http", "https"].contains(scheme) && url.host?.isEmpty == false
    }

    /// Evidence ids: lowercase ASCII letters, digits and hyphens, starting with a letter or digit.
    public static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, id.unicodeScalars.count <= 80 else { return false }
        let allowed = { (s: Unicode.Scalar) in ("a"..."z").contains(s) || ("0"..."9").contains(s) }
        return allowed(first) && id.unicodeScalars.allSatisfy { allowed($0) || $0 == "-" }
    }

    /// An id-shaped form of any text: « Vidéo métiers.mp4 » → `video-metiers-mp4`.
    public static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var slug = ""
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return String((slug.isEmpty ? "preuve" : slug).prefix(60))
    }
}
