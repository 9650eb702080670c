extension Claim {
    /// Rewrites only the `sha256:` and `size:` lines of the given evidence entries in a claim's
    /// text, keeping everything else (layout, comments) as the person wrote it. Returns nil when an
    /// entry does not have both lines in block style; the caller then writes the canonical layout.
    /// `self` must be the claim parsed from `text` (its evidence lines locate the entries).
    public func patchingHashes(in text: String, updates: [String: FileDigest]) -> String? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for item in evidence {
            guard let digest = updates[item.id] else { continue }
            guard let line = item.line, line >= 1, line <= lines.count else { return nil }
            let first = lines[line - 1]
            // The entry's keys are indented like its first key (after the `- ` of the list item).
            let leading = first.prefix { $0 == " " }.count
            let indent = first.dropFirst(leading).hasPrefix("- ") ? leading + 2 : leading
            var found: Set<String> = []
            var index = line - 1
            while index < lines.count {
                let current = lines[index]
                let spaces = current.prefix { $0 == " " }.count
                let body = current.dropFirst(spaces)
                if index > line - 1, !body.isEmpty, !body.hasPrefix("#"), spaces < indent || (spaces == indent - 2 && body.hasPrefix("- ")) {
                    break
                }
                let key = index == line - 1 && spaces + 2 == indent ? body.dropFirst(2) : body
                if index == line - 1 || spaces == indent {
                    if key.hasPrefix("sha256:") {
                        lines[index] = String(repeating: " ", count: indent) + "sha256: \"\(digest.sha256)\""
                        found.insert("sha256")
                    } else if key.hasPrefix("size:") {
                        lines[index] = String(repeating: " ", count: indent) + "size: \(digest.size)"
                        found.insert("size")
                    }
                }
                index += 1
            }
            guard found == ["sha256", "size"] else { return nil }
        }
        return lines.joined(separator: "\n")
    }
}
