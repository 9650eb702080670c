internal import DossierCore

/// swift-argument-parser's usage errors in the user's language.
///
/// The parser writes its errors in English and keeps their structure internal, so each message it
/// can produce is recognised here by its whole shape (one pattern per message, anchored at both
/// ends) and said again in French, keeping the names and values it quotes. A message of ours (a
/// `ValidationError`, already in the user's language) or one of a future parser version that no
/// pattern knows passes through unchanged; `UsageErrorTests` runs the parser on each kind of
/// mistake, so a parser upgrade that changes a wording fails there rather than in front of a user.
enum UsageErrorText {
    /// The message, one line, in `lang`.
    static func text(_ message: String, lang: Lang) -> String {
        var parts: [String] = []
        for line in message.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) where !line.isEmpty {
            // "Please provide one of the following:" is followed by one "- value" a line.
            if line.hasPrefix("- "), let last = parts.indices.last {
                parts[last] += (parts[last].hasSuffix(":") ? " " : ", ") + line.dropFirst(2)
            } else {
                parts.append(lang == .fr ? french(line) : line)
            }
        }
        return parts.joined(separator: " ")
    }

    /// One line of the parser's English, in French; unknown lines unchanged.
    static func french(_ line: String) -> String {
        if let m = line.wholeMatch(of: #/Unknown option '(.+)'\. Did you mean '(.+)'\?/#) {
            return "option inconnue « \(m.1) » (vouliez-vous dire « \(m.2) » ?)"
        }
        if let m = line.wholeMatch(of: #/Unknown option '(.+)'/#) { return "option inconnue « \(m.1) »" }
        if let m = line.wholeMatch(of: #/or: Missing value for '(.+)' in '(.+)'/#) {
            return "ou : valeur manquante pour « \(m.1) » dans « \(m.2) »"
        }
        if let m = line.wholeMatch(of: #/Missing value for '(.+)'/#) { return "valeur manquante pour « \(m.1) »" }
        if let m = line.wholeMatch(of: #/Missing expected argument '(.+)'/#) { return "argument manquant : « \(m.1) »" }
        if let m = line.wholeMatch(of: #/Missing one of: '(.+)'/#) {
            return "il manque l'un de ces arguments : « " + m.1.replacingOccurrences(of: "', '", with: " », « ") + " »"
        }
        if let m = line.wholeMatch(of: #/Unexpected argument '(.*)'/#) { return "argument en trop : « \(m.1) »" }
        if let m = line.wholeMatch(of: #/(\d+) unexpected arguments: '(.*)'/#) {
            return "\(m.1) arguments en trop : « " + m.2.replacingOccurrences(of: "', '", with: " », « ") + " »"
        }
        if let m = line.wholeMatch(of: #/The value '(.*)' is invalid for '([^']+)'(.*)/#) {
            return "valeur « \(m.1) » invalide pour « \(m.2) »" + frenchDetail(String(m.3))
        }
        if let m = line.wholeMatch(of: #/The value '(.*)' is invalid\.(.*)/#) {
            return "valeur « \(m.1) » invalide" + frenchDetail(String(m.2))
        }
        if let m = line.wholeMatch(of: #/The option '(.+)' does not take any value, but '(.*)' was specified\./#) {
            return "l'option « \(m.1) » ne prend pas de valeur, « \(m.2) » donné"
        }
        if let m = line.wholeMatch(of: #/Invalid option: (.+)/#) { return "option invalide : \(m.1)" }
        if line == "Missing required subcommand." { return "sous-commande manquante" }
        if let m = line.wholeMatch(of: #/Value to be set with (.+) had already been set with (.+)/#) {
            return "valeur donnée par \(frenchFlag(String(m.1))) déjà donnée par \(frenchFlag(String(m.2)))"
        }
        if let m = line.wholeMatch(of: #/Command '(.+)' is not a parent of the current command\./#) {
            return "la commande « \(m.1) » ne contient pas cette commande"
        }
        return line
    }

    /// What follows "is invalid for …": the accepted values, or the value type's own reason.
    private static func frenchDetail(_ detail: String) -> String {
        if detail.isEmpty { return "" }
        if let m = detail.wholeMatch(of: #/\. Please provide one of (.+)\./#) {
            return " ; valeurs possibles : " + m.1.replacingOccurrences(of: "' and '", with: "', '")
                .replacingOccurrences(of: "' or '", with: "', '").replacingOccurrences(of: "'", with: "")
        }
        if detail == ". Please provide one of the following:" { return " ; valeurs possibles :" }
        return detail.hasPrefix(": ") ? " :" + detail.dropFirst() : detail
    }

    private static func frenchFlag(_ text: String) -> String {
        text.replacingOccurrences(of: "flag ", with: "l'option ").replacingOccurrences(of: " in ", with: " dans ")
    }
}
