/// Reads a `claim.yaml` written in the block layout `save` and the editor write (and the common
/// hand-written variants: indented lists, quoted texts) without building a YAML node tree.
///
/// It answers nil, and the caller falls back to the full YAML reader, for anything outside that
/// layout (comments, anchors, tags, flow collections, escapes, multi-line plain or quoted texts,
/// block chomping other than clip and strip, null values…) and for any claim that the full reader
/// would refuse: errors, with their `file:line`, always come from the full reader. For what it
/// accepts, it gives the same `Claim`, line numbers included (a property test compares the two).
enum ClaimFastReader {
    static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]

    static func read(_ bytes: [UInt8]) -> Claim? {
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
            let body = UnsafeBufferPointer(rebasing: buffer[start...])
            guard acceptsBytes(body), UTF8Validation.isValid(body) else { return nil }
            var reader = Reader(bytes: body)
            return reader.claim()
        }
    }

    /// Only UTF-8 text ending with a line break, without tabs, carriage returns, control
    /// characters, or the characters YAML treats as line breaks or byte-order marks.
    static func acceptsBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let last = bytes.last, last == 0x0A else { return false }
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if (byte < 0x20 && byte != 0x0A) || byte == 0x7F { return false }
                index += 1
                continue
            }
            // Multi-byte sequences: validated as UTF-8 when the texts are decoded; here the
            // characters YAML would not take as plain printable text are refused.
            if byte == 0xC2, index + 1 < count, bytes[index + 1] < 0xA0 { return false }          // C1 controls, NEL
            if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80,
               bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 { return false }              // LS, PS
            if byte == 0xEF, index + 2 < count, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF { return false } // BOM
            if byte == 0xEF, index + 2 < count, bytes[index + 1] == 0xBF,
               bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF { return false }              // U+FFFE, U+FFFF
            index += 1
        }
        return true
    }

    /// A line-by-line reader over the file's bytes.
    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        /// Start of the current line, and its number (1-based).
        var position = 0
        var line = 1

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var atEnd: Bool { position >= bytes.count }

        /// The end (index of its line break) of the line starting at `start`.
        func lineEnd(_ start: Int) -> Int {
            var end = start
            while bytes[end] != 0x0A { end += 1 }
            return end
        }

        func indent(_ start: Int, _ end: Int) -> Int {
            var index = start
            while index < end, bytes[index] == 0x20 { index += 1 }
            return index - start
        }

        mutating func advance(to end: Int) {
            position = end + 1
            line += 1
        }

        /// Skips lines holding only spaces; false when a comment line is met (not handled here).
        mutating func skipBlankLines() -> Bool {
            while !atEnd {
                let end = lineEnd(position)
                let spaces = indent(position, end)
                if position + spaces == end { advance(to: end); continue }
                return bytes[position + spaces] != UInt8(ascii: "#")
            }
            return true
        }

        /// The text between two offsets, both at ASCII bytes of a file already checked as UTF-8.
        func text(_ start: Int, _ end: Int) -> String? {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }

        /// `key:` at `start`, one of `keys`, followed by a space or the line's end; returns the key's
        /// number and where its value starts (after the spaces).
        func key(_ start: Int, _ end: Int, among keys: [[UInt8]]) -> (Int, Int)? {
            var index = start
            while index < end, (bytes[index] >= 0x61 && bytes[index] <= 0x7A) || (bytes[index] >= 0x30 && bytes[index] <= 0x39) {
                index += 1
            }
            guard index > start, index < end, bytes[index] == UInt8(ascii: ":") else { return nil }
            let name = UnsafeBufferPointer(rebasing: bytes[start..<index])
            guard let code = keys.firstIndex(where: { $0.elementsEqual(name) }) else { return nil }
            index += 1
            guard index == end || bytes[index] == 0x20 else { return nil }
            while index < end, bytes[index] == 0x20 { index += 1 }
            return (code, index)
        }

        /// A one-line scalar from `start` to the line's end: double-quoted without escapes,
        /// single-quoted, or plain; nil for anything else.
        func scalar(_ start: Int, _ end: Int) -> String? {
            guard start < end else { return nil }
            let first = bytes[start]
            if first == UInt8(ascii: "\"") {
                var index = start + 1
                while index < end, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") { index += 1 }
                if index < end, bytes[index] == UInt8(ascii: "\"") {
                    guard onlySpaces(index + 1, end), let value = text(start + 1, index) else { return nil }
                    return value
                }
                return escaped(start + 1, end)
            }
            if first == UInt8(ascii: "'") {
                var out: [UInt8] = []
                var index = start + 1
                while index < end {
                    if bytes[index] == UInt8(ascii: "'") {
                        if index + 1 < end, bytes[index + 1] == UInt8(ascii: "'") {
                            out.append(UInt8(ascii: "'"))
                            index += 2
                            continue
                        }
                        break
                    }
                    out.append(bytes[index])
                    index += 1
                }
                guard index < end, onlySpaces(index + 1, end), let value = String(validating: out, as: UTF8.self) else { return nil }
                return value
            }
            // Plain: no indicator first, no `: ` or ` #` inside, no `:` last; trailing spaces dropped.
            if "-?:,[]{}#&*!|>'\"%@`".utf8.contains(first) { return nil }
            var last = end
            while last > start, bytes[last - 1] == 0x20 { last -= 1 }
            guard bytes[last - 1] != UInt8(ascii: ":") else { return nil }
            var index = start
            while index < last - 1 {
                if bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == 0x20 { return nil }
                if bytes[index] == 0x20, bytes[index + 1] == UInt8(ascii: "#") { return nil }
                index += 1
            }
            guard let value = text(start, last), !ClaimFastReader.nullWords.contains(value) else { return nil }
            return value
        }

        /// A double-quoted text with escapes, from after the opening quote: the escapes the YAML
        /// writer uses (`\"`, `\\`, `\/`, `\n`, `\t`, `\x`, `\u`, `\U`); any other, nil.
        func escaped(_ start: Int, _ end: Int) -> String? {
            var out: [UInt8] = []
            var index = start
            func hex(_ from: Int, _ count: Int) -> UInt32? {
                guard from + count <= end else { return nil }
                var value: UInt32 = 0
                for offset in 0..<count {
                    let byte = bytes[from + offset]
                    let digit: UInt32
                    switch byte {
                    case 0x30...0x39: digit = UInt32(byte - 0x30)
                    case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                    case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                    default: return nil
                    }
                    value = value * 16 + digit
                }
                return value
            }
            while index < end {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") { break }
                guard byte == UInt8(ascii: "\\") else {
                    out.append(byte)
                    index += 1
                    continue
                }
                guard index + 1 < end else { return nil }
                let code = bytes[index + 1]
                index += 2
                switch code {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(code)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let count = code == UInt8(ascii: "x") ? 2 : code == UInt8(ascii: "u") ? 4 : 8
                    // Printable characters only (a byte-order mark, a NUL… are left to the full reader).
                    guard let value = hex(index, count), value == 0x09 || value == 0x0A || (0x20...0x7E).contains(value)
                            || (0xA0...0xD7FF).contains(value) || ((0xE000...0xFFFD).contains(value) && value != 0xFEFF)
                            || (0x10000...0x10FFFF).contains(value),
                          let scalar = Unicode.Scalar(value) else { return nil }
                    out += Array(String(Character(scalar)).utf8)
                    index += count
                default: return nil
                }
            }
            guard index < end, bytes[index] == UInt8(ascii: "\""), onlySpaces(index + 1, end),
                  let value = String(validating: out, as: UTF8.self) else { return nil }
            return value
        }

        func onlySpaces(_ start: Int, _ end: Int) -> Bool {
            var index = start
            while index < end {
                if bytes[index] != 0x20 { return false }
                index += 1
            }
            return true
        }

        /// After a one-line value: the next line that is not blank must be at most `indent` deep
        /// (deeper would continue the value).
        mutating func endOfValue(indent limit: Int) -> Bool {
            guard skipBlankLines() else { return false }
            if atEnd { return true }
            return indent(position, lineEnd(position)) <= limit
        }

        /// A literal block (`|` clip or `|-` strip) whose header ended the previous line, for a key
        /// at indentation 0.
        mutating func literalBlock(strip: Bool) -> String? {
            guard !atEnd else { return nil }
            let firstEnd = lineEnd(position)
            let blockIndent = indent(position, firstEnd)
            // A first line that is blank or not indented: left to the full reader.
            guard blockIndent > 0, position + blockIndent < firstEnd else { return nil }
            var lines: [String] = []
            var kept = 0   // lines up to the last one with content
            while !atEnd {
                let end = lineEnd(position)
                let spaces = indent(position, end)
                if position + spaces == end {
                    guard spaces <= blockIndent else { return nil }
                    lines.append("")
                    advance(to: end)
                    continue
                }
                if spaces < blockIndent {
                    guard spaces == 0 else { return nil }
                    break
                }
                guard let content = text(position + blockIndent, end) else { return nil }
                lines.append(content)
                kept = lines.count
                advance(to: end)
            }
            let body = lines[..<kept].joined(separator: "\n")
            return strip ? body : body + "\n"
        }

        mutating func claim() -> Claim? {
            var top = Fields(count: ClaimFastReader.topKeys.count)
            var narrative: String?
            var items: [Fields] = []
            while true {
                guard skipBlankLines() else { return nil }
                if atEnd { break }
                let end = lineEnd(position)
                guard let (code, valueStart) = key(position, end, among: ClaimFastReader.topKeys), top.values[code] == nil,
                      !(code == TopKey.narrative && narrative != nil), !(code == TopKey.evidence && top.evidenceSeen) else { return nil }
                switch code {
                case TopKey.narrative where valueStart < end && bytes[valueStart] == UInt8(ascii: "|"):
                    let header = text(valueStart, end)?.trimmingSuffix(" ")
                    guard header == "|" || header == "|-" else { return nil }
                    advance(to: end)
                    guard let block = literalBlock(strip: header == "|-") else { return nil }
                    narrative = block
                case TopKey.evidence:
                    top.evidenceSeen = true
                    if valueStart < end {
                        guard text(valueStart, end)?.trimmingSuffix(" ") == "[]" else { return nil }
                        advance(to: end)
                        guard endOfValue(indent: 0) else { return nil }
                        continue
                    }
                    advance(to: end)
                    guard let list = sequence() else { return nil }
                    items = list
                default:
                    guard let value = scalar(valueStart, end) else { return nil }
                    top.values[code] = value
                    advance(to: end)
                    guard endOfValue(indent: 0) else { return nil }
                }
            }
            // No key at all: not a mapping, which the full reader reports.
            guard top.evidenceSeen || narrative != nil || top.values.contains(where: { $0 != nil }) else { return nil }
            return ClaimFastReader.build(top: top, narrative: narrative, items: items)
        }

        /// A block sequence of one-line-value mappings (`- id: …` then `  title: …`), at any indentation.
        mutating func sequence() -> [Fields]? {
            guard skipBlankLines(), !atEnd else { return nil }
            let dashIndent = indent(position, lineEnd(position))
            var items: [Fields] = []
            while true {
                guard skipBlankLines() else { return nil }
                if atEnd { break }
                let end = lineEnd(position)
                let spaces = indent(position, end)
                if spaces < dashIndent {
                    guard spaces == 0 else { return nil }
                    break
                }
                let dash = position + spaces
                guard spaces == dashIndent, dash < end, bytes[dash] == UInt8(ascii: "-") else {
                    // At column 0 with a zero-indented list: the next top-level key.
                    if spaces == 0, dashIndent == 0 { break }
                    return nil
                }
                guard dash + 1 < end, bytes[dash + 1] == 0x20 else { return nil }
                let mappingIndent = indent(dash + 1, end) + spaces + 1
                var item = Fields(count: ClaimFastReader.evidenceKeys.count)
                item.line = line
                var keyStart = position + mappingIndent
                while true {
                    let end = lineEnd(position)
                    guard let (code, valueStart) = key(keyStart, end, among: ClaimFastReader.evidenceKeys), item.values[code] == nil,
                          let value = scalar(valueStart, end) else { return nil }
                    item.values[code] = value
                    advance(to: end)
                    guard skipBlankLines() else { return nil }
                    if atEnd { break }
                    let next = indent(position, lineEnd(position))
                    if next == mappingIndent { keyStart = position + next; continue }
                    guard next <= dashIndent else { return nil }
                    break
                }
                items.append(item)
            }
            return items
        }
    }

    /// The values of one mapping, by key number (see `TopKey`, `EvidenceKey`).
    struct Fields {
        var values: [String?]
        var line = 0
        var evidenceSeen = false

        init(count: Int) { values = Array(repeating: nil, count: count) }

        subscript(_ key: Int) -> String? { values[key] }
    }

    /// The keys of a claim, as bytes, in the order of their numbers.
    static let topKeys = ["status", "narrative", "level", "coverage", "evidence"].map { Array($0.utf8) }
    enum TopKey { static let status = 0, narrative = 1, level = 2, coverage = 3, evidence = 4 }
    static let evidenceKeys = ["id", "title", "criterion", "file", "sha256", "size", "url", "kind"].map { Array($0.utf8) }
    enum EvidenceKey { static let id = 0, title = 1, criterion = 2, file = 3, sha256 = 4, size = 5, url = 6, kind = 7 }

    /// The claim from the values read, with the checks of `Claim.parse`; nil where it would fail.
    static func build(top: Fields, narrative: String?, items: [Fields]) -> Claim? {
        var claim = Claim()
        if let status = top[TopKey.status] {
            guard let value = Claim.Status(rawValue: status) else { return nil }
            claim.status = value
        }
        claim.narrative = narrative ?? top[TopKey.narrative] ?? ""
        if let level = top[TopKey.level] {
            guard let value = Int(level), value >= 0 else { return nil }
            claim.level = value
        }
        if let coverage = top[TopKey.coverage] {
            guard let value = Coverage(coverage) else { return nil }
            claim.coverage = value
        }
        var ids = Set<String>()
        ids.reserveCapacity(items.count)
        claim.evidence.reserveCapacity(items.count)
        for item in items {
            guard let evidence = evidence(item), ids.insert(evidence.id).inserted else { return nil }
            claim.evidence.append(evidence)
        }
        return claim
    }

    static func evidence(_ item: Fields) -> Evidence? {
        func required(_ key: Int) -> String? {
            guard let value = item[key], value.contains(where: { !$0.isWhitespace }) else { return nil }
            return value
        }
        guard let id = required(EvidenceKey.id), Evidence.isValidID(id) else { return nil }
        let location: Evidence.Location
        switch (item[EvidenceKey.file], item[EvidenceKey.url]) {
        case (let path?, nil):
            guard EvidencePath.isContained(path), item[EvidenceKey.kind] == nil else { return nil }
            let sha = item[EvidenceKey.sha256]?.lowercased()
            if let sha, !isHexDigest(sha) { return nil }
            var size: Int?
            if let text = item[EvidenceKey.size] {
                guard let value = Int(text) else { return nil }
                size = value
            }
            location = .file(path: path, sha256: sha, size: size)
        case (nil, let link?):
            guard Evidence.isValidURL(link), item[EvidenceKey.sha256] == nil else { return nil }
            guard let kind = Evidence.Kind(rawValue: item[EvidenceKey.kind] ?? Evidence.Kind.web.rawValue) else { return nil }
            location = .url(link, kind: kind)
        default:
            return nil
        }
        guard let title = required(EvidenceKey.title), let criterion = required(EvidenceKey.criterion) else { return nil }
        return Evidence(id: id, title: title, criterion: criterion, location: location, line: item.line)
    }

    /// `Claim.parse`'s test (64 characters, all hexadecimal digits), by bytes for ASCII text.
    static func isHexDigest(_ sha: String) -> Bool {
        if sha.utf8.allSatisfy({ $0 < 0x80 }) {
            return sha.utf8.count == 64 && sha.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) || (0x41...0x46).contains($0) }
        }
        return sha.count == 64 && sha.allSatisfy(\.isHexDigit)
    }
}

private extension String {
    func trimmingSuffix(_ character: Character) -> String {
        var copy = self
        while copy.last == character { copy.removeLast() }
        return copy
    }
}
