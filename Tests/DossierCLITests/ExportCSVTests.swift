import Testing
@testable import DossierCore
@testable import Hub
@testable import HubReview

/// `hub export --format csv` as a French spreadsheet opens it, whatever a CFA's name holds.
@Suite("Export CSV fields")
struct ExportCSVTests {
    @Test("a name is never run as a formula, its controls are shown, ';' and quotes are quoted")
    func fields() {
        #expect(HubExport.field("=HYPERLINK(\"http://x\";\"clic\")") == "\"'=HYPERLINK(\"\"http://x\"\";\"\"clic\"\")\"")
        #expect(HubExport.field("+33 2 31") == "'+33 2 31")
        #expect(HubExport.field("-1") == "'-1")
        #expect(HubExport.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(HubExport.field("CFA\u{1B}[2J\nBis") == "CFA\\u{1B}[2J\\nBis")
        #expect(HubExport.field("Bâtiment; Caen") == "\"Bâtiment; Caen\"")
        #expect(HubExport.field("Métiers, Rouen") == "\"Métiers, Rouen\"")
        #expect(HubExport.field("2027-01-10") == "2027-01-10")
    }

    @Test("a byte-order mark, ';' between fields, CRLF line ends")
    func file() {
        let export = HubExport(date: Day("2027-01-10")!, cfas: [
            .init(uai: "0141234R", name: "Évreux", labelHeld: false, labelLapsesOn: nil,
                  badges: [.init(badge: "tutorat", state: "none", validFrom: nil, validUntil: nil)]),
        ])
        #expect(export.csv() == "\u{FEFF}uai;name;badge;state;validFrom;validUntil;labelHeld;labelLapsesOn\r\n0141234R;Évreux;tutorat;none;;;false;\r\n")
    }
}
