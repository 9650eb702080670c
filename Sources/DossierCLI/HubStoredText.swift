internal import DossierCore
internal import Hub

/// The hub's stored reasons and check problems, rendered in the reader's language. Plain strings:
/// the caller decides how CFA-controlled parts are made safe for the terminal.
extension HubText {
    static func problem(_ problem: CheckProblem, _ lang: Lang) -> String { problem.text(lang) }

    static func reasons(_ reasons: [HubReason], _ lang: Lang) -> String { HubReason.line(reasons, lang) }

    static func failure(_ cfa: CFARecord, _ lang: Lang) -> String { HubReason.line(cfa.failureReasons, lang) }

    static func reason(_ entry: AuditEntry, _ lang: Lang) -> String? { entry.reasonText(lang) }
}
