import Foundation
import Testing
@testable import DossierCore

/// Editors on Windows often start a UTF-8 file with a byte-order mark (EF BB BF).
@Suite("byte-order mark")
struct ByteOrderMarkTests {
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    @Test func claimWithByteOrderMarkParses() throws {
        let claim = try Claim.parse(Self.bom + Array(ClaimParsingTests.valid.utf8), file: ClaimParsingTests.file)
        #expect(claim == (try Claim.parse(Array(ClaimParsingTests.valid.utf8), file: ClaimParsingTests.file)))
        #expect(claim.evidence.first?.line == line(of: "id: note-veille-bim", in: ClaimParsingTests.valid))
    }

    @Test func identityWithByteOrderMarkParses() throws {
        let text = "uai: 0141234R\nname: CFA du Bessin\nsiret: \"73282932000074\"\n"
        let plain = try DossierIdentity.parse(Array(text.utf8))
        let marked = try DossierIdentity.parse(Self.bom + Array(text.utf8))
        #expect(plain == marked)
    }

    @Test func errorLinesCountFromTheFileStart() throws {
        let text = "status: ready\nnarrative: x\nlevel: [\n"
        let error = dossierError { _ = try Claim.parse(Self.bom + Array(text.utf8), file: "c.yaml") }
        let plain = dossierError { _ = try Claim.parse(Array(text.utf8), file: "c.yaml") }
        #expect(error != nil)
        #expect(error?.line == plain?.line)
        let unknown = dossierError { _ = try Claim.parse(Self.bom + Array("status: ready\ncolour: red\n".utf8), file: "c.yaml") }
        #expect(unknown?.reason == .unknownField("colour"))
        #expect(unknown?.line == 2)
    }

    @Test func hashPatchKeepsTheByteOrderMark() throws {
        let text = "\u{FEFF}" + ClaimParsingTests.valid
        let claim = try Claim.parse(Array(text.utf8), file: ClaimParsingTests.file)
        let patched = try #require(claim.patchingHashes(in: text, updates: ["note-veille-bim": FileDigest(sha256: String(repeating: "a", count: 64), size: 7)]))
        #expect(Array(patched.utf8).starts(with: Self.bom))
        #expect(try Claim.parse(Array(patched.utf8), file: ClaimParsingTests.file).evidence.first?.location == .file(path: "note-veille-bim-2025.md", sha256: String(repeating: "a", count: 64), size: 7))
    }
}
