import DossierCore
import DossierRepository

extension Syncer {
    /// The Région's catalogue ref, fetched into a holding ref, never pushed.
    static let catalogueRefspec = "+\(DossierReferences.catalogue):\(DossierReferences.incomingCatalogue)"

    /// After a fetch: the catalogue versions the remote delivers, checked and recorded
    /// (`ReceivedCatalogues.accept`); a refusal is reported, the rest of the sync goes on.
    func checkCatalogue(into report: inout Report) {
        let outcome = ReceivedCatalogues.accept(repository: repository)
        // A later round of the same sync finds what the first accepted unchanged: keep what happened.
        if outcome == .unchanged, case .received = report.catalogue { return }
        report.catalogue = outcome
    }
}
