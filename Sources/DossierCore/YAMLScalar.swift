/// YAML scalars for files the tool writes line by line (a badge proposal, its template), where
/// `YAMLOutput`'s node tree would lose the layout and comments.
public enum YAMLScalar {
    /// `text` as a YAML double-quoted scalar, for files written line by line (a proposal, its
    /// template), that reads back as the same text: quotes and backslashes escaped, and every
    /// character YAML does not allow raw (controls, line and paragraph separators, the byte-order
    /// mark) written as an escape.
    public static func doubleQuoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029 || value == 0xFEFF {
                    let hex = String(value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
