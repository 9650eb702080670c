import DossierCore
import Foundation

/// The Région's reporting table: every CFA × every badge, with states, dates and the label.
public struct HubExport: Sendable, Encodable {
    public struct BadgeRow: Sendable, Encodable {
        public let badge: String
        /// The newest request's state, `awarded` while an award is valid, `none` when never requested.
        public let state: String
        public let validFrom: Day?
        public let validUntil: Day?
    }

    public struct CFARow: Sendable, Encodable {
        public let uai: String
        public let name: String?
        public let labelHeld: Bool
        public let labelLapsesOn: Day?
        public let badges: [BadgeRow]
    }

    public let date: Day
    public let cfas: [CFARow]

    /// The byte-order mark that tells a spreadsheet the file is UTF-8.
    public static let byteOrderMark = "\u{FEFF}"
    /// The field separator French spreadsheets expect (their decimal separator is the comma).
    public static let separator: Character = ";"

    /// CSV as French spreadsheets open it: UTF-8 with a byte-order mark, fields separated by `;`,
    /// quoted as RFC 4180 says, lines ended by CRLF; one line per CFA and badge.
    public func csv() -> String {
        let separator = String(Self.separator)
        var lines = [["uai", "name", "badge", "state", "validFrom", "validUntil", "labelHeld", "labelLapsesOn"].joined(separator: separator)]
        for cfa in cfas {
            for row in cfa.badges {
                lines.append([cfa.uai, cfa.name ?? "", row.badge, row.state, row.validFrom?.description ?? "",
                              row.validUntil?.description ?? "", cfa.labelHeld ? "true" : "false",
                              cfa.labelLapsesOn?.description ?? ""].map(Self.field).joined(separator: separator))
            }
        }
        return Self.byteOrderMark + lines.joined(separator: "\r\n") + "\r\n"
    }

    /// One field: its control and invisible characters made visible (the file is also shown on
    /// terminals), a leading `=`, `+`, `-` or `@` defused with `'` so a spreadsheet never runs a
    /// CFA's name as a formula, then quoted when it holds the separator or a quote.
    static func field(_ value: String) -> String {
        var value = TerminalText.visible(value)
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == separator || $0 == "\"" || $0 == "," }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension Review {
    public func export(on day: Day) throws -> HubExport {
        try store.read { tx in
            let rows = try tx.cfas().map { cfa -> HubExport.CFARow in
                let awards = try tx.awards(uai: cfa.uai)
                let label = LabelStatus(uai: cfa.uai, awards: awards, catalogues: schedule, on: day)
                let submissions = try tx.submissions(uai: cfa.uai, badge: nil)
                let badges = catalogue.badges.map { badge -> HubExport.BadgeRow in
                    let valid = label.validBadges.first { $0.badge == badge.id }
                    let latestAward = awards.last { $0.badge == badge.id }
                    let newest = submissions.last { $0.badge == badge.id }
                    var state = newest?.state.rawValue ?? "none"
                    if valid != nil, newest?.state != .awarded {
                        // Valid that day: a renewal under way shows after it; a state reached later does not.
                        state = newest.map { $0.state.isOpen ? "awarded+\($0.state.rawValue)" : "awarded" } ?? "awarded"
                    } else if valid == nil, let newest, [.awarded, .expired].contains(newest.state) {
                        state = Self.endedState(awards.filter { $0.badge == badge.id }, on: day)
                    }
                    return HubExport.BadgeRow(badge: badge.id, state: state,
                                              validFrom: valid?.validFrom ?? latestAward?.validFrom,
                                              validUntil: valid?.validUntil ?? latestAward?.validUntil)
                }
                return HubExport.CFARow(uai: cfa.uai, name: cfa.name, labelHeld: label.held, labelLapsesOn: label.lapsesOn, badges: badges)
            }
            return HubExport(date: day, cfas: rows)
        }
    }

    /// The state on `day` of a badge whose newest request was awarded but whose award is not valid
    /// that day: `revoked` or `expired` once its latest award began, `approved` before (an award
    /// follows an approval).
    static func endedState(_ awards: [Award], on day: Day) -> String {
        guard let latest = awards.filter({ $0.validFrom <= day }).max(by: { $0.validFrom < $1.validFrom }) else {
            return Submission.State.approved.rawValue
        }
        if let revoked = latest.revocationDay, revoked <= day { return Submission.State.revoked.rawValue }
        return Submission.State.expired.rawValue
    }
}
