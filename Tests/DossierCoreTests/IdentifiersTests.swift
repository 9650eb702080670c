import Foundation
import Testing
import TestServers
@testable import DossierCore

@Suite("UAI and SIRET")
struct IdentifiersTests {
    @Test(arguments: ["0141234R", "0761234D", "0271234V", "0000008J", "9999999P"])
    func validUAI(_ uai: String) {
        #expect(Identifiers.isValidUAI(uai))
    }

    @Test func checkLetterFromTheDocumentedAlphabet() {
        #expect(Identifiers.uaiCheckLetter("0141234") == "R")   // 141234 mod 23 = 14
        #expect(Identifiers.uaiCheckLetter("0761234") == "D")   // 3
        #expect(Identifiers.uaiCheckLetter("0271234") == "V")   // 18
        #expect(Identifiers.uaiCheckLetter("0000008") == "J", "the alphabet skips I")
        #expect(Identifiers.uaiCheckLetter("0000013") == "P", "the alphabet skips O")
        #expect(Identifiers.uaiCheckLetter("0000014") == "R", "the alphabet skips Q")
        #expect(Identifiers.uaiCheckLetter("014123") == nil)
        #expect(Identifiers.uaiCheckLetter("01412A4") == nil)
    }

    @Test(arguments: ["0141234S", "0141234A", "0761234R", "0000008I", "0000013O", "0000014Q"])
    func wrongCheckLetter(_ uai: String) {
        #expect(!Identifiers.isValidUAI(uai))
    }

    @Test(arguments: ["0141234r", "0761234d"])
    func lowercaseCheckLetter(_ uai: String) {
        #expect(!Identifiers.isValidUAI(uai))
    }

    @Test(arguments: ["", "R", "141234R", "00141234R", "0141234", "0141234RR", "0141234 R"])
    func wrongLength(_ uai: String) {
        #expect(!Identifiers.isValidUAI(uai))
    }

    @Test(arguments: ["01A1234R", "O141234R", "014123-R", " 141234R", "٠١٤١٢٣٤R", "０１４１２３４R"])
    func nonDigitsWhereDigitsBelong(_ uai: String) {
        #expect(!Identifiers.isValidUAI(uai))
    }

    @Test(arguments: ["78345612200010", "73282932000074", "55208131766522", "44306184100047"])
    func validSIRET(_ siret: String) {
        #expect(Identifiers.isValidSIRET(siret))
    }

    @Test(arguments: ["78345612200011", "78345612200001", "87345612200010", "12345678901234"])
    func luhnFailure(_ siret: String) {
        #expect(!Identifiers.isValidSIRET(siret))
    }

    @Test(arguments: ["", "7834561220001", "783456122000100", "7834561220001A", "78345612200O10", "783456122 0010"])
    func wrongShapeSIRET(_ siret: String) {
        #expect(!Identifiers.isValidSIRET(siret))
    }
}

@Suite("dossier.yaml")
struct DossierIdentityParsingTests {
    static let valid = """
        uai: "0141234R"
        name: "CFA du Bâtiment de Caen"
        siret: "783 456 122 00010"
        contact:
          name: "Claire Lemonnier"
          email: "direction@cfa-batiment-caen.example.fr"
          phone: "02 31 55 12 34"
        referentNumerique:
          name: "Thomas Hébert"
        catalogueVersion: "2026.1"

        """

    func parseError(_ text: String) -> DossierError? {
        dossierError { _ = try DossierIdentity.parse(Array(text.utf8)) }
    }

    @Test func parsesAllFieldsAndIgnoresSpacesInSIRET() throws {
        let identity = try DossierIdentity.parse(Array(Self.valid.utf8))
        #expect(identity.uai == "0141234R")
        #expect(identity.name == "CFA du Bâtiment de Caen")
        #expect(identity.siret == "78345612200010")
        #expect(identity.contact == .init(name: "Claire Lemonnier", email: "direction@cfa-batiment-caen.example.fr", phone: "02 31 55 12 34"))
        #expect(identity.referentNumerique == .init(name: "Thomas Hébert"))
        #expect(identity.catalogueVersion == "2026.1")
    }

    @Test func roundTripsThroughItsYAML() throws {
        let identity = try DossierIdentity.parse(Array(Self.valid.utf8))
        #expect(try DossierIdentity.parse(Array(identity.yaml().utf8)) == identity)
    }

    @Test func sampleDossierIdentities() throws {
        for (sample, uai) in [("batiment-caen", "0141234R"), ("boulangerie-rouen", "0761234D"), ("multi-metiers-evreux", "0271234V")] {
            let url = packageRoot.appendingPathComponent("sample-dossiers/\(sample)/dossier.yaml")
            let bytes = try [UInt8](Data(contentsOf: url))
            #expect(try DossierIdentity.parse(bytes).uai == uai)
        }
    }

    @Test func badUAIIsReportedOnItsLine() throws {
        let text = Self.valid.replacingOccurrences(of: "0141234R", with: "0141234S")
        let error = try #require(parseError(text))
        #expect(error.reason == .invalidUAI("0141234S"))
        #expect(error.file == "dossier.yaml")
        #expect(error.line == 1)
        #expect(error.description.hasPrefix("dossier.yaml:1: "))
    }

    @Test func badUAIOnAnotherLine() throws {
        let text = "name: \"CFA\"\n\n# commentaire\nuai: \"01412345\"\n"
        let error = try #require(parseError(text))
        #expect(error.reason == .invalidUAI("01412345"))
        #expect(error.line == 4)
    }

    @Test func badSIRETIsReportedOnItsLine() throws {
        let text = Self.valid.replacingOccurrences(of: "783 456 122 00010", with: "783 456 122 00011")
        let error = try #require(parseError(text))
        #expect(error.reason == .invalidSIRET("78345612200011"))
        #expect(error.line == 3)
    }

    @Test func shortSIRETIsRefused() throws {
        let text = Self.valid.replacingOccurrences(of: "783 456 122 00010", with: "7834561220001")
        #expect(try #require(parseError(text)).line == 3)
    }

    @Test func unknownKeyIsReportedOnItsLine() throws {
        let text = Self.valid + "region: Normandie\n"
        let error = try #require(parseError(text))
        #expect(error.reason == .unknownField("region"))
        #expect(error.line == line(of: "region:", in: text))
    }

    @Test func unknownKeyInContact() throws {
        let text = Self.valid.replacingOccurrences(of: "  phone: \"02 31 55 12 34\"", with: "  telephone: \"02 31 55 12 34\"")
        let error = try #require(parseError(text))
        #expect(error.reason == .unknownField("telephone"))
        #expect(error.line == 7)
    }

    @Test func missingName() throws {
        let error = try #require(parseError("uai: \"0141234R\"\n"))
        #expect(error.reason == .missingField("name"))
    }

    @Test func uaiAsANumberIsStillChecked() throws {
        // Unquoted, YAML reads a number: the text is still checked.
        let error = try #require(parseError("uai: 0141234\nname: CFA\n"))
        #expect(error.reason == .invalidUAI("0141234"))
    }
}
