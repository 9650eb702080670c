import DossierCore
import WebLayer

/// A line diff (`TextDiff`) laid out side by side for the renewal page: each removed line faces
/// the added line that replaced it, with the changed words inside them marked (`WordDiff`);
/// kept lines face themselves; `…` rows stand for skipped unchanged lines.
struct DiffRows {
    enum Cell: Equatable {
        /// No line on this side (a pure insertion or removal).
        case empty
        case kept(String)
        /// A changed line, as runs of kept and changed text.
        case changed([WordDiff.Segment])
    }

    struct Row: Equatable {
        var left: Cell
        var right: Cell
        var gap = false
    }

    /// Longest line pair diffed word by word (longer pairs are marked as whole lines).
    static let maximumWordDiffLine = 20_000

    static func rows(_ diff: TextDiff) -> [Row] {
        var rows: [Row] = []
        var removed: [String] = [], added: [String] = []
        func flush() {
            for index in 0..<max(removed.count, added.count) {
                let old = index < removed.count ? removed[index] : nil, new = index < added.count ? added[index] : nil
                switch (old, new) {
                case let (old?, new?):
                    if old.utf8.count + new.utf8.count <= maximumWordDiffLine {
                        let words = WordDiff(old: old, new: new)
                        rows.append(Row(left: .changed(words.segments.filter { $0.op != .added }),
                                        right: .changed(words.segments.filter { $0.op != .removed })))
                    } else {
                        rows.append(Row(left: .changed([.init(op: .removed, text: old)]), right: .changed([.init(op: .added, text: new)])))
                    }
                case let (old?, nil): rows.append(Row(left: .changed([.init(op: .removed, text: old)]), right: .empty))
                case let (nil, new?): rows.append(Row(left: .empty, right: .changed([.init(op: .added, text: new)])))
                case (nil, nil): break
                }
            }
            removed.removeAll()
            added.removeAll()
        }
        for line in diff.lines {
            switch line.op {
            case "-":
                if !added.isEmpty { flush() }
                removed.append(line.text)
            case "+": added.append(line.text)
            case "…":
                flush()
                rows.append(Row(left: .empty, right: .empty, gap: true))
            default:
                flush()
                rows.append(Row(left: .kept(line.text), right: .kept(line.text)))
            }
        }
        flush()
        return rows
    }

    /// A row as the template reads it.
    static func model(_ row: Row) -> [String: Any] {
        func side(_ cell: Cell, changedOp: WordDiff.Op) -> [String: Any] {
            switch cell {
            case .empty: return ["empty": true, "segments": [[String: Any]](), "changed": false, "kept": false]
            case .kept(let text): return ["empty": false, "kept": true, "changed": false, "segments": [["text": text, "mark": false]]]
            case .changed(let segments):
                // A line added or removed whole is one `<ins>`/`<del>`; a changed line marks its changed words.
                let whole = segments.count == 1 && segments[0].op == changedOp
                return ["empty": false, "kept": false, "changed": true, "whole": whole,
                        "segments": segments.map { ["text": $0.text, "mark": $0.op == changedOp] as [String: Any] }]
            }
        }
        return ["gap": row.gap, "left": side(row.left, changedOp: .removed), "right": side(row.right, changedOp: .added)]
    }
}
