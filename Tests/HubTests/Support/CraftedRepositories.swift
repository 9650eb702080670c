import Foundation
import TestServers

// Repositories git itself would never write, crafted on a CFA's bare remote with the git CLI.

/// One change of a crafted save, for `git fast-import`.
enum Craft {
    /// `path` names an existing object: a file (`100644`), a link (`120000`), a submodule (`160000`), a folder (`040000`).
    case object(String, mode: String, id: String)
    /// A file (or link) with these bytes.
    case bytes(String, mode: String = "100644", Data)
    case delete(String)
}

/// A tree entry with its raw name.
struct RawEntry {
    var mode: String
    var name: [UInt8]
    var id: String
}

extension BareRemote {
    /// Writes an object as is (`git hash-object --literally`), even one git itself would refuse.
    func writeRawObject(_ type: String, _ data: Data) throws -> String {
        try git.run(["--git-dir=\(path)", "hash-object", "-t", type, "--literally", "-w", "--stdin"], input: data)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A tree written byte by byte, its entries in the order given.
    func writeRawTree(_ entries: [RawEntry]) throws -> String {
        var data = Data()
        for entry in entries {
            data.append(contentsOf: Array((entry.mode + " ").utf8) + entry.name + [0])
            var hex = Substring(entry.id)
            while !hex.isEmpty {
                data.append(UInt8(hex.prefix(2), radix: 16)!)
                hex = hex.dropFirst(2)
            }
        }
        return try writeRawObject("tree", data)
    }

    /// The entries of a tree (`git ls-tree -z`), names as raw bytes.
    func treeEntries(_ treeish: String) throws -> [RawEntry] {
        let result = try git.result(["--git-dir=\(path)", "ls-tree", "-z", treeish])
        guard result.succeeded else { throw TestServerError("ls-tree \(treeish): \(result)") }
        return result.standardOutput.split(separator: 0).map { line in
            let bytes = Array(line)
            let tab = bytes.firstIndex(of: 9)!
            let fields = String(decoding: bytes[..<tab], as: UTF8.self).split(separator: " ")
            return RawEntry(mode: String(fields[0]), name: Array(bytes[(tab + 1)...]), id: String(fields[2]))
        }
    }

    /// A new save on `main` with `changes`, tagged as a submission of `badge` (annotated, like
    /// `dossier submit`); returns the tag's name.
    @discardableResult
    func craftSubmission(badge: String, _ changes: [Craft], tag: String = "2026-02-02-1") throws -> String {
        let main = try commit(of: "refs/heads/main") ?? ""
        let name = "submissions/\(badge)/\(tag)"
        var script = Data("commit refs/heads/main\ncommitter Test Author <test@example.invalid> 1770000000 +0000\ndata 7\ncrafted\nfrom \(main)\n".utf8)
        for change in changes {
            switch change {
            case .object(let path, let mode, let id): script.append(Data("M \(mode) \(id) \(path)\n".utf8))
            case .bytes(let path, let mode, let bytes): script.append(Data("M \(mode) inline \(path)\ndata \(bytes.count)\n".utf8) + bytes + Data("\n".utf8))
            case .delete(let path): script.append(Data("D \(path)\n".utf8))
            }
        }
        script.append(Data("\ntag \(name)\nfrom refs/heads/main\ntagger Test Author <test@example.invalid> 1770000000 +0000\ndata 7\ndemande\n".utf8))
        try git.run(["--git-dir=\(path)", "fast-import", "--quiet", "--force"], input: script)
        return name
    }

    /// The commit an annotated or lightweight tag names.
    func tagCommit(_ tag: String) throws -> String? { try commit(of: "refs/tags/" + tag) }
}
