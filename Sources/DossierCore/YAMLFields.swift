import Foundation
internal import Yams

/// Parses YAML text into a node tree, turning syntax errors into `file:line` errors.
enum YAMLText {
    /// The UTF-8 byte-order mark some editors write at the start of a file.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    static func parse(_ bytes: [UInt8], file: String) throws -> Node {
        // A leading byte-order mark is not content: libyaml would see a character before the
        // document. It takes no line, so line numbers stay those of the file.
        let body = bytes.starts(with: byteOrderMark) ? bytes[byteOrderMark.count...] : bytes[...]
        guard let text = String(validating: body, as: UTF8.self) else {
            throw DossierError(.yamlSyntax("not UTF-8 text"), file: file)
        }
        let node: Node?
        do {
            // Every scalar stays text: fields are typed by YAMLFields, which is faster than Yams'
            // regular-expression tag resolution and never turns a title such as `no` into a boolean.
            node = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw syntaxError(error, file: file, text: text)
        }
        guard let node else { throw DossierError(.notAMapping, file: file, line: 1) }
        return node
    }

    private static func syntaxError(_ error: YamlError, file: String, text: String) -> DossierError {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let lineCount = max(1, lines.last == "" ? lines.count - 1 : lines.count)
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return DossierError(.yamlSyntax(problem), file: file, line: min(mark.line, lineCount))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            return DossierError(.yamlSyntax("duplicate key \(duplicates.joined(separator: ", "))"),
                                file: file, line: secondOccurrence(of: key, in: lines, from: context.mark.line) ?? context.mark.line)
        default:
            return DossierError(.yamlSyntax("\(error)"), file: file)
        }
    }

    /// The line (1-based) where `key:` appears for the second time at the same indentation,
    /// starting from the mapping's line: where a duplicated key was written again.
    private static func secondOccurrence(of key: String, in lines: [Substring], from start: Int) -> Int? {
        var indentation: Int?
        for number in max(1, start)...max(1, lines.count) where number <= lines.count {
            var line = lines[number - 1]
            var indent = line.prefix(while: { $0 == " " }).count
            line = line.dropFirst(indent)
            if line.hasPrefix("- ") {
                line = line.dropFirst(2)
                indent += 2
            }
            guard line.hasPrefix(key), line.dropFirst(key.count).drop(while: { $0 == " " }).hasPrefix(":") else { continue }
            if let first = indentation {
                if first == indent { return number }
            } else {
                indentation = indent
            }
        }
        return nil
    }
}

/// Typed, located access to the fields of one YAML mapping; unknown keys are errors.
struct YAMLFields {
    let file: String
    let line: Int
    private var values: [String: Node] = [:]
    private var order: [(key: String, line: Int)] = []

    init(_ node: Node, file: String, context: String? = nil) throws {
        self.file = file
        self.line = node.mark?.line ?? 1
        guard case .mapping(let mapping) = node else {
            throw DossierError(context.map { .wrongType(field: $0, expected: .mapping) } ?? .notAMapping,
                               file: file, line: line)
        }
        for (key, value) in mapping {
            guard let name = key.string else {
                throw DossierError(.wrongType(field: "key", expected: .text), file: file, line: key.mark?.line)
            }
            if values[name] != nil {
                throw DossierError(.yamlSyntax("duplicate key \(name)"), file: file, line: key.mark?.line)
            }
            values[name] = value
            order.append((name, key.mark?.line ?? line))
        }
    }

    /// Fails on the first key that is not in `allowed`.
    func rejectUnknown(_ allowed: Set<String>) throws {
        if let unknown = order.first(where: { !allowed.contains($0.key) }) {
            throw DossierError(.unknownField(unknown.key), file: file, line: unknown.line)
        }
    }

    /// The value at `key`; nil when absent or null (`~`, `null`, or nothing, written plain).
    func node(_ key: String) -> Node? {
        guard let node = values[key] else { return nil }
        if case .scalar(let scalar) = node, scalar.style == .plain, YAMLFields.nullWords.contains(scalar.string) {
            return nil
        }
        return node
    }

    private static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]

    func lineOf(_ key: String) -> Int { values[key]?.mark?.line ?? line }

    func error(_ reason: DossierError.Reason, at key: String? = nil) -> DossierError {
        DossierError(reason, file: file, line: key.map(lineOf) ?? line)
    }

    func string(_ key: String) throws -> String? {
        guard let node = node(key) else { return nil }
        guard case .scalar(let scalar) = node else { throw error(.wrongType(field: key, expected: .text), at: key) }
        return scalar.string
    }

    func requiredString(_ key: String) throws -> String {
        guard let value = try string(key), value.contains(where: { !$0.isWhitespace }) else {
            throw error(.missingField(key))
        }
        return value
    }

    func int(_ key: String) throws -> Int? {
        guard let node = node(key) else { return nil }
        guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
            throw error(.wrongType(field: key, expected: .wholeNumber), at: key)
        }
        return value
    }

    func bool(_ key: String) throws -> Bool? {
        guard let node = node(key) else { return nil }
        guard case .scalar(let scalar) = node, let value = ["true": true, "True": true, "TRUE": true, "false": false,
                                                             "False": false, "FALSE": false][scalar.string] else {
            throw error(.wrongType(field: key, expected: .trueOrFalse), at: key)
        }
        return value
    }

    func sequence(_ key: String) throws -> [Node] {
        guard let node = node(key) else { return [] }
        guard case .sequence(let sequence) = node else {
            throw error(.wrongType(field: key, expected: .list), at: key)
        }
        return Array(sequence)
    }

    func strings(_ key: String) throws -> [String] {
        try sequence(key).map { item in
            guard case .scalar(let scalar) = item else { throw error(.wrongType(field: key, expected: .listOfTexts), at: key) }
            return scalar.string
        }
    }

    func fields(_ key: String) throws -> YAMLFields? {
        guard let node = node(key) else { return nil }
        return try YAMLFields(node, file: file, context: key)
    }
}
