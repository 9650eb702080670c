import DossierCore
import Testing
@testable import HubWeb

/// A CFA page's history says a vote's verdict in words, whatever the review room recorded.
@Suite struct AuditReasonTests {
    @Test func verdictsInTheRecordedReasonAreSaidInWords() {
        #expect(WebApp.auditReason("approve: Très bien", .fr) == "favorable : Très bien")
        #expect(WebApp.auditReason("changes: Ajouter le planning", .en) == "changes requested: Ajouter le planning")
        #expect(WebApp.auditReason("reject withdrawn: erreur de ma part", .fr) == "avis retiré (défavorable) : erreur de ma part")
        #expect(WebApp.auditReason("approve withdrawn: x", .en) == "vote withdrawn (approve): x")
        // Anything else, the CFA's or a reviewer's own words, is left as it is.
        #expect(WebApp.auditReason("approved: not a verdict", .fr) == "approved: not a verdict")
        #expect(WebApp.auditReason("Preuve falsifiée", .fr) == "Preuve falsifiée")
    }
}
