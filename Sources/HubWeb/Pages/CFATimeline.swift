import DossierCore
import Foundation
import HubReview
import WebLayer

/// The twelve badges of a CFA on a timeline, drawn by the server as SVG: one row per badge,
/// each award a bar from its first day to its end (or its revocation), the years marked, today
/// a vertical line, renewals due within 90 days marked `!` and drawn apart. Every text in the
/// SVG goes through `escape` (it is inserted unescaped in the page, as the only such slot); the
/// same facts are given as a table for screen readers (`rows`).
struct CFATimeline {
    struct Bar: Equatable {
        enum Kind: String { case valid, due, past, revoked, future }
        let badge: String
        let from: Day
        /// The first day it no longer counts (its end or its revocation).
        let until: Day
        let kind: Kind
    }

    let badges: [Badge]
    let awards: [Award]
    let today: Day
    let window: Int

    init(badges: [Badge], awards: [Award], today: Day, dueWindowDays: Int = 90) {
        self.badges = badges
        self.awards = awards
        self.today = today
        window = dueWindowDays
    }

    var bars: [Bar] {
        let order = Dictionary(badges.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        return awards.sorted { (order[$0.badge] ?? Int.max, $0.validFrom) < (order[$1.badge] ?? Int.max, $1.validFrom) }.map { award in
            let revoked = award.revocationDay
            let until = revoked.map { min($0, award.validUntil) } ?? award.validUntil
            let kind: Bar.Kind
            if let revoked, revoked < award.validUntil { kind = .revoked }
            else if until <= today { kind = .past }
            else if award.validFrom > today { kind = .future }
            else if today.days(until: until) <= window { kind = .due }
            else { kind = .valid }
            return Bar(badge: award.badge, from: award.validFrom, until: until, kind: kind)
        }
    }

    /// The first day drawn and the first day after: whole years around the awards and today.
    var span: (Day, Day) {
        let firsts = awards.map(\.validFrom) + [today.adding(years: -1)]
        let lasts = awards.map(\.validUntil) + [today.adding(years: 1)]
        let first = firsts.min() ?? today, last = lasts.max() ?? today
        let start = Day(year: first.year, month: 1, day: 1) ?? first
        let end = Day(year: last.year + 1, month: 1, day: 1) ?? last
        return (start, end)
    }

    // Geometry (SVG user units).
    static let width = 960.0, labelWidth = 300.0, rowHeight = 26.0, top = 34.0, barHeight = 14.0

    func svg(title: String, description: String, lang: Lang) -> String {
        let (start, end) = span
        let total = Double(max(1, start.days(until: end)))
        let plot = Self.width - Self.labelWidth - 10
        func x(_ day: Day) -> Double { Self.labelWidth + Double(start.days(until: max(start, min(day, end)))) / total * plot }
        let height = Self.top + Double(badges.count) * Self.rowHeight + 10
        var out = "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.format(Self.width)) \(Self.format(height))\" "
            + "role=\"img\" aria-labelledby=\"timeline-title timeline-desc\">"
        out += "<title id=\"timeline-title\">\(Self.escape(title))</title><desc id=\"timeline-desc\">\(Self.escape(description))</desc>"
        // Years.
        var year = start.year
        while let jan = Day(year: year, month: 1, day: 1), jan < end {
            let position = x(jan)
            out += "<line class=\"tick\" x1=\"\(Self.format(position))\" y1=\"\(Self.format(Self.top - 8))\" x2=\"\(Self.format(position))\" y2=\"\(Self.format(height - 6))\"/>"
            out += "<text class=\"year\" x=\"\(Self.format(position + 3))\" y=\"\(Self.format(Self.top - 12))\">\(year)</text>"
            year += 1
        }
        // One row per badge.
        let bars = self.bars
        for (index, badge) in badges.enumerated() {
            let y = Self.top + Double(index) * Self.rowHeight
            out += "<g class=\"row\">"
            out += "<text class=\"badge-name\" x=\"4\" y=\"\(Self.format(y + Self.barHeight))\">\(Self.escape(Self.clip("\(badge.number). \(badge.title)", 40)))</text>"
            out += "<line class=\"lane\" x1=\"\(Self.format(Self.labelWidth))\" y1=\"\(Self.format(y + Self.barHeight / 2 + 2))\" x2=\"\(Self.format(Self.width - 10))\" y2=\"\(Self.format(y + Self.barHeight / 2 + 2))\"/>"
            for bar in bars where bar.badge == badge.id {
                let x1 = x(bar.from), x2 = max(x(bar.until), x(bar.from) + 2)
                out += "<rect class=\"bar bar-\(bar.kind.rawValue)\" x=\"\(Self.format(x1))\" y=\"\(Self.format(y + 2))\" "
                    + "width=\"\(Self.format(x2 - x1))\" height=\"\(Self.format(Self.barHeight))\" data-badge=\"\(Self.escape(badge.id))\" "
                    + "data-from=\"\(bar.from)\" data-until=\"\(bar.until)\">"
                out += "<title>\(Self.escape(Self.describe(bar, badge: badge, lang: lang)))</title></rect>"
                if bar.kind == .due {
                    out += "<text class=\"due-mark\" x=\"\(Self.format(x2 + 3))\" y=\"\(Self.format(y + Self.barHeight))\">!</text>"
                }
            }
            out += "</g>"
        }
        // Today.
        let now = x(today)
        out += "<line class=\"today\" x1=\"\(Self.format(now))\" y1=\"\(Self.format(Self.top - 6))\" x2=\"\(Self.format(now))\" y2=\"\(Self.format(height - 4))\"/>"
        out += "<text class=\"today-label\" x=\"\(Self.format(now + 3))\" y=\"\(Self.format(Self.top - 1))\">\(Self.escape(lang.t("aujourd'hui", "today")))</text>"
        return out + "</svg>"
    }

    static func describe(_ bar: Bar, badge: Badge, lang: Lang) -> String {
        "\(badge.number). \(badge.title) : \(bar.from) → \(bar.until) — " + text(bar.kind, lang)
    }

    static func text(_ kind: Bar.Kind, _ lang: Lang) -> String {
        switch kind {
        case .valid: lang.t("valable", "valid")
        case .due: lang.t("valable, à renouveler dans les 90 jours", "valid, to renew within 90 days")
        case .past: lang.t("terminé", "ended")
        case .revoked: lang.t("retiré", "revoked")
        case .future: lang.t("commence plus tard", "starts later")
        }
    }

    /// The same facts as the drawing, one row per badge.
    func rows(lang: Lang) -> [[String: Any]] {
        let bars = self.bars
        return badges.map { badge in
            let mine = bars.filter { $0.badge == badge.id }
            let periods = mine.map { bar in
                ["text": lang.t("du \(bar.from) au \(bar.until) (exclu)", "from \(bar.from) to \(bar.until) (excluded)"),
                 "state": Self.text(bar.kind, lang), "due": bar.kind == .due, "symbol": Self.symbol(bar.kind)] as [String: Any]
            }
            return ["badge": "\(badge.number). \(badge.title)", "periods": periods, "none": periods.isEmpty]
        }
    }

    static func symbol(_ kind: Bar.Kind) -> String {
        switch kind {
        case .valid: "★"
        case .due: "!"
        case .past: "◷"
        case .revoked: "⊘"
        case .future: "→"
        }
    }

    /// Text for XML content and attribute values.
    static func escape(_ text: String) -> String { MarkupText.escape(text) }

    static func clip(_ text: String, _ limit: Int) -> String { text.count <= limit ? text : String(text.prefix(limit - 1)) + "…" }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
