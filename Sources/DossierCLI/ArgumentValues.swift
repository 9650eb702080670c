internal import ArgumentParser
internal import DossierCore
internal import Hub

// The values a command line names from a fixed list, parsed by swift-argument-parser itself: a value
// it does not know is a usage error (exit 64) naming the accepted ones, in one line and in the user's
// language (`UsageErrorText`), and the help lists them.

/// A value of one of the libraries' fixed lists (`Evidence.Kind`, `DossierEditor.Field`,
/// `Member.Role`), named on the command line by its raw value. (The libraries' types do not
/// conform to `ExpressibleByArgument` themselves: they know nothing of the command line.)
struct Choice<Value: RawRepresentable & CaseIterable>: ExpressibleByArgument where Value.RawValue == String {
    let value: Value

    init(_ value: Value) { self.value = value }

    init?(argument: String) {
        guard let value = Value(rawValue: argument) else { return nil }
        self.value = value
    }

    static var allValueStrings: [String] { Value.allCases.map(\.rawValue) }

    var defaultValueDescription: String { value.rawValue }
}

/// `dossier hub vote UAI BADGE approve|reject|changes|withdraw`: a verdict, or taking one's vote back.
enum VoteChoice: String, CaseIterable, ExpressibleByArgument {
    case approve, reject, changes, withdraw

    /// The verdict cast; nil for `withdraw`.
    var cast: Vote.Verdict? { Vote.Verdict(rawValue: rawValue) }
}

/// `dossier hub export --format csv|json`.
enum ExportFormat: String, CaseIterable, ExpressibleByArgument {
    case csv, json
}
