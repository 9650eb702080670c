internal import Yams

extension Claim {
    /// Reads a `claim.yaml`; every mistake comes with its `file:line`. The layout `save` writes is
    /// read directly (`ClaimFastReader`); anything else, and every error, by the full YAML reader.
    public static func parse(_ bytes: [UInt8], file: String) throws -> Claim {
        if let claim = ClaimFastReader.read(bytes) { return claim }
        return try parseYAML(bytes, file: file)
    }

    /// Reads a `claim.yaml` through the full YAML reader (Yams' node tree).
    static func parseYAML(_ bytes: [UInt8], file: String) throws -> Claim {
        let fields = try YAMLFields(YAMLText.parse(bytes, file: file), file: file)
        try fields.rejectUnknown(["status", "narrative", "level", "coverage", "evidence"])
        var claim = Claim()
        if let status = try fields.string("status") {
            guard let value = Status(rawValue: status) else {
                throw fields.error(.invalidValue(field: "status", value: status, expected: "draft, ready"), at: "status")
            }
            claim.status = value
        }
        claim.narrative = try fields.string("narrative") ?? ""
        claim.level = try fields.int("level")
        if let level = claim.level, level < 0 {
            throw fields.error(.invalidValue(field: "level", value: "\(level)", expected: Expectation(fr: "0 ou plus", en: "0 or more")), at: "level")
        }
        if let coverage = try fields.string("coverage") {
            guard let value = Coverage(coverage) else {
                throw fields.error(.invalidValue(field: "coverage", value: coverage, expected: Expectation(fr: "couverts/total, ex. 8/12", en: "covered/total, e.g. 8/12")), at: "coverage")
            }
            claim.coverage = value
        }
        var ids = Set<String>()
        for node in try fields.sequence("evidence") {
            let evidence = try parseEvidence(YAMLFields(node, file: file, context: "evidence"))
            if !ids.insert(evidence.id).inserted {
                throw DossierError(.duplicateEvidenceID(evidence.id), file: file, line: evidence.line)
            }
            claim.evidence.append(evidence)
        }
        return claim
    }

    private static func parseEvidence(_ fields: YAMLFields) throws -> Evidence {
        try fields.rejectUnknown(["id", "title", "criterion", "file", "sha256", "size", "url", "kind"])
        let id = try fields.requiredString("id")
        guard Evidence.isValidID(id) else { throw fields.error(.invalidEvidenceID(id), at: "id") }
        let file = try fields.string("file")
        let url = try fields.string("url")
        let location: Evidence.Location
        switch (file, url) {
        case (let path?, nil):
            guard EvidencePath.isContained(path) else { throw fields.error(.pathEscapes(path), at: "file") }
            let sha = try fields.string("sha256")?.lowercased()
            if let sha, !(sha.count == 64 && sha.allSatisfy(\.isHexDigit)) {
                throw fields.error(.invalidValue(field: "sha256", value: sha, expected: Expectation(fr: "64 caractères hexadécimaux", en: "64 hexadecimal characters")), at: "sha256")
            }
            guard fields.node("kind") == nil else { throw fields.error(.unknownField("kind"), at: "kind") }
            location = .file(path: path, sha256: sha, size: try fields.int("size"))
        case (nil, let link?):
            guard Evidence.isValidURL(link) else {
                throw fields.error(.invalidValue(field: "url", value: link, expected: .httpAddress), at: "url")
            }
            let kindText = try fields.string("kind") ?? Evidence.Kind.web.rawValue
            guard let kind = Evidence.Kind(rawValue: kindText) else {
                throw fields.error(.invalidValue(field: "kind", value: kindText, expected: "video, lms, web"), at: "kind")
            }
            guard fields.node("sha256") == nil else { throw fields.error(.unknownField("sha256"), at: "sha256") }
            location = .url(link, kind: kind)
        default:
            throw fields.error(.evidenceNeedsFileOrURL(id))
        }
        return Evidence(id: id, title: try fields.requiredString("title"), criterion: try fields.requiredString("criterion"),
                        location: location, line: fields.line)
    }

    /// Writes the claim in its canonical layout (the narrative as a literal block).
    public func yaml() throws -> String {
        let text = YAMLOutput.text
        var pairs: [(String, Node)] = [("status", text(status.rawValue))]
        let story = narrative.hasSuffix("\n") || narrative.isEmpty ? narrative : narrative + "\n"
        pairs.append(("narrative", story.contains("\n") ? YAMLOutput.block(story) : text(story)))
        if let level { pairs.append(("level", YAMLOutput.number(level))) }
        if let coverage { pairs.append(("coverage", YAMLOutput.quoted(coverage.description))) }
        let items: [Node] = evidence.map { item in
            var entry: [(String, Node)] = [("id", text(item.id)), ("title", text(item.title)), ("criterion", text(item.criterion))]
            switch item.location {
            case .file(let path, let sha, let size):
                entry.append(("file", text(path)))
                if let sha { entry.append(("sha256", YAMLOutput.quoted(sha))) }
                if let size { entry.append(("size", YAMLOutput.number(size))) }
            case .url(let url, let kind):
                entry.append(("url", text(url)))
                entry.append(("kind", text(kind.rawValue)))
            }
            return YAMLOutput.mapping(entry)
        }
        pairs.append(("evidence", Node(items)))
        return try YAMLOutput.serialize(YAMLOutput.mapping(pairs))
    }
}

/// Rules for evidence file paths: relative, inside the evidence folder, no `..`.
public enum EvidencePath {
    public static func isContained(_ path: String) -> Bool {
        // ASCII paths (one character per byte): the same rules, by bytes.
        if path.utf8.allSatisfy({ $0 < 0x80 }) {
            var component = 0, dots = 0
            for byte in path.utf8 {
                if byte == UInt8(ascii: "\\") { return false }
                if byte == UInt8(ascii: "/") {
                    if component == 0 || component == dots && dots <= 2 { return false }
                    component = 0
                    dots = 0
                    continue
                }
                component += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
            let first = path.utf8.first
            return first != nil && first != UInt8(ascii: "/") && first != UInt8(ascii: "~")
                && component > 0 && !(component == dots && dots <= 2)
        }
        guard !path.isEmpty, !path.hasPrefix("/"), !path.hasPrefix("~"), !path.contains("\\") else { return false }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.allSatisfy { !$0.isEmpty && $0 != ".." && $0 != "." }
    }
}
