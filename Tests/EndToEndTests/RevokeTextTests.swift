import Foundation
import Testing

/// What `hub revoke` says about the signed credentials: the badge's status bit, and the label's
/// credential when the CFA loses the label by it — the indexes said being the ones the published
/// credentials carry.
@Suite("hub revoke: the credentials it revokes")
struct RevokeTextTests {
    typealias Member = HubLab.Member
    let caen = SampleCFA.caen

    /// `credentialStatus.statusListIndex` of a credential of the published site.
    func publishedIndex(_ site: URL, _ uai: String, _ badge: String) throws -> String? {
        let data = try Data(contentsOf: site.appendingPathComponent("credentials/\(uai)/\(badge).json"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return (object?["credentialStatus"] as? [String: Any])?["statusListIndex"] as? String
    }

    @Test("a mandatory badge revoked: its credential and the label's are said revoked, with their status indexes")
    func revokedWithTheLabel() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let lab = try LabelHeldTextTests().awardedCaen(box)
        let keys = try lab.hubOK(["keys", "init"])
        #expect(keys.stdout.contains("11 badge credential(s) signed."), "ten badges and the label: \(keys)")
        let site = box.url("site")
        try lab.hubOK(["publish", site.path])
        let tutorat = try #require(try publishedIndex(site, caen.uai, "tutorat"))
        let label = try #require(try publishedIndex(site, caen.uai, "label"))

        let revoked = try lab.hub(["revoke", caen.uai, "tutorat", "--member", Member.sophie, "--reason", "Procédure non signée"],
                                  lang: "fr_FR.UTF-8")
        #expect(revoked.status == 0, "\(revoked)")
        #expect(revoked.stdoutLines == [
            "Badge tutorat retiré au CFA \(caen.uai).",
            "Son attestation Open Badges est marquée révoquée dans la liste de statuts (index \(tutorat)) ; publiez le site (« dossier hub publish ») pour que les vérificateurs le voient.",
            "Le CFA perd le label « CFA numérique normand » : l'attestation du label est révoquée aujourd'hui (index \(label) de la liste de statuts).",
        ], "\(revoked)")

        // The label's credential is revoked once: a second badge revoked says its own credential only.
        let ressources = try #require(try publishedIndex(site, caen.uai, "ressources"))
        let second = try lab.hubOK(["revoke", caen.uai, "ressources", "--member", Member.sophie, "--reason", "Erreur"])
        #expect(second.stdoutLines == [
            "Badge ressources revoked for CFA \(caen.uai).",
            "Its Open Badges credential is marked revoked in the status list (index \(ressources)); publish the site (`dossier hub publish`) for verifiers to see it.",
        ], "\(second)")
        #expect(Set([tutorat, label, ressources]).count == 3)
    }
}
