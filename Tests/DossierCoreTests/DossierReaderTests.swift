import Foundation
import Testing
import TestServers
@testable import DossierCore

@Suite("DossierReader and sources")
struct DossierReaderTests {
    func reader(_ source: DossierSource) throws -> DossierReader { DossierReader(source: source, catalogue: try builtinCatalogue()) }

    @Test func badgeIDsInCatalogueOrderIgnoringPlainFiles() throws {
        var fixture = Fixture()
        for id in ["post-cfa", "tutorat", "prospection"] { fixture.claim(id) }
        fixture.files["badges/LISEZMOI.md"] = "notes"
        #expect(try reader(fixture.source).badgeIDs() == ["prospection", "tutorat", "post-cfa"])
    }

    @Test func unknownBadgeFolder() throws {
        var fixture = Fixture()
        fixture.files["badges/tutorats/claim.yaml"] = "status: draft\n"
        let error = dossierError { _ = try reader(fixture.source).badgeIDs() }
        #expect(error?.reason == .unknownBadge("tutorats"))
        #expect(error?.file == "badges/tutorats")
    }

    @Test func symbolicLinkUnderBadgesIsAnError() throws {
        var source = Fixture().source
        source.links["badges/tutorat"] = "/tmp/ailleurs"
        let error = dossierError { _ = try reader(source).badgeIDs() }
        #expect(error?.reason == .symlink("badges/tutorat", outside: true))
    }

    @Test func badgeFolderWithoutClaimIsNotStarted() throws {
        var fixture = Fixture()
        fixture.files["badges/tutorat/evidence/a.md"] = "a"
        let dossier = try fixture.load(builtinCatalogue())
        #expect(dossier.claims.isEmpty)
        let report = try Checker(catalogue: builtinCatalogue()).check(dossier, source: fixture.source)
        #expect(try report.badge("tutorat").problems == [.notStarted])
    }

    @Test func recordedEvidenceMustNotBeALink() throws {
        var fixture = Fixture()
        fixture.claim("tutorat")
        fixture.file("tutorat", "outils-distance", id: "guide", name: "guide.md")
        var source = fixture.source
        source.files["badges/tutorat/evidence/guide.md"] = nil
        source.files["badges/tutorat/evidence/guide-original.md"] = Array("guide".utf8)
        source.links["badges/tutorat/evidence/guide.md"] = "guide-original.md"
        let error = dossierError { _ = try reader(source).claim("tutorat") }
        #expect(error?.reason == .symlink("badges/tutorat/evidence/guide.md", outside: false))
        #expect(error?.file == "badges/tutorat/claim.yaml")
        #expect(error?.line == line(of: "- id: guide", in: source.files["badges/tutorat/claim.yaml"].map { String(decoding: $0, as: UTF8.self) } ?? ""))
        var away = source
        away.links["badges/tutorat/evidence/guide.md"] = "/home/claire/guide.md"
        #expect(dossierError { _ = try reader(away).claim("tutorat") }?.reason
            == .symlink("badges/tutorat/evidence/guide.md", outside: true))
    }

    @Test func otherLinksUnderEvidenceMustStayInTheBadgeFolder() throws {
        var fixture = Fixture()
        fixture.claim("tutorat")
        var inside = fixture.source
        inside.links["badges/tutorat/evidence/raccourci"] = "../claim.yaml"
        #expect(try reader(inside).claim("tutorat") != nil)
        var outside = fixture.source
        outside.links["badges/tutorat/evidence/captures/raccourci"] = "../../../prospection/claim.yaml"
        let error = dossierError { _ = try reader(outside).claim("tutorat") }
        #expect(error?.reason == .symlink("badges/tutorat/evidence/captures/raccourci", outside: true))
        var absolute = fixture.source
        absolute.links["badges/tutorat/evidence/etc"] = "/etc/passwd"
        #expect(dossierError { _ = try reader(absolute).claim("tutorat") }?.reason == .symlink("badges/tutorat/evidence/etc", outside: true))
    }

    @Test func linkContainment() {
        #expect(DossierReader.staysInside(link: "badges/t/evidence/a", target: "b/c.md", folder: "badges/t"))
        #expect(DossierReader.staysInside(link: "badges/t/evidence/a", target: "../claim.yaml", folder: "badges/t"))
        #expect(DossierReader.staysInside(link: "badges/t/evidence/a", target: "./../evidence/./x", folder: "badges/t"))
        #expect(!DossierReader.staysInside(link: "badges/t/evidence/a", target: "../../u/claim.yaml", folder: "badges/t"))
        #expect(!DossierReader.staysInside(link: "badges/t/evidence/a", target: "../../tutorat2/x", folder: "badges/t"))
        #expect(!DossierReader.staysInside(link: "badges/t/evidence/a", target: "/badges/t/x", folder: "badges/t"))
        #expect(!DossierReader.staysInside(link: "a", target: "../../../x", folder: "badges/t"))
    }

    @Test func loadCollectsEveryError() throws {
        var fixture = Fixture()
        fixture.claim("prospection")
        fixture.rawClaims["tutorat"] = "statut: ready\n"
        fixture.rawClaims["post-cfa"] = "status: prêt\n"
        let (dossier, errors) = try reader(fixture.source).load()
        #expect(dossier?.claims.keys.sorted() == ["prospection"])
        #expect(errors.map(\.file) == ["badges/tutorat/claim.yaml", "badges/post-cfa/claim.yaml"])
        #expect(errors.map(\.line) == [1, 1])
        #expect(throws: DossierErrors.self) { try reader(fixture.source).loadValid() }
    }

    @Test func missingIdentity() throws {
        var source = Fixture().source
        source.files[DossierIdentity.fileName] = nil
        let (dossier, errors) = try reader(source).load()
        #expect(dossier == nil)
        #expect(errors.map(\.reason) == [.fileNotFound("dossier.yaml")])
    }

    @Test func loadedDossierEqualsTheFixture() throws {
        var fixture = Fixture()
        fixture.complete(try #require(try builtinCatalogue().badge("ressources")))
        fixture.file("ressources", "niveau-2", name: "captures/module.png")
        let dossier = try fixture.load(builtinCatalogue())
        #expect(dossier.identity == Fixture.identity)
        #expect(dossier.claims == fixture.claims)
    }

    @Test func fileSystemSource() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("b", to: "badges/tutorat/evidence/b.md")
        try folder.write("a", to: "badges/tutorat/evidence/a.md")
        try folder.write("c", to: "badges/tutorat/evidence/sous/c.md")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/badges/tutorat/evidence/lien", withDestinationPath: "a.md")
        let source = FileSystemSource(root: folder.path + "/")
        #expect(try source.list("badges/tutorat/evidence") == [
            SourceEntry(name: "a.md", kind: .file), SourceEntry(name: "b.md", kind: .file),
            SourceEntry(name: "lien", kind: .symlink), SourceEntry(name: "sous", kind: .folder),
        ])
        #expect(try source.digest(of: "badges/tutorat/evidence/a.md") == FileDigest(sha256: sha256("a"), size: 1))
        #expect(try source.digest(of: "badges/tutorat/evidence/lien") == nil, "a link is not a file")
        #expect(try source.read("badges/tutorat/evidence/lien") == nil)
        #expect(try source.linkTarget(of: "badges/tutorat/evidence/lien") == "a.md")
        #expect(try source.read("absent") == nil)
        #expect(try source.kind(of: "absent") == nil)
        #expect(try source.list("absent") == [])
        #expect(try source.kind(of: "") == .folder)
    }

    @Test func memorySourceMatchesTheProtocol() throws {
        let source = MemorySource(files: ["a/b/c.txt": "c", "a/d.txt": "d"], links: ["a/e": "d.txt"])
        #expect(try source.list("a") == [SourceEntry(name: "b", kind: .folder), SourceEntry(name: "d.txt", kind: .file),
                                         SourceEntry(name: "e", kind: .symlink)])
        #expect(try source.kind(of: "a/b") == .folder)
        #expect(try source.kind(of: "a/b/c.txt") == .file)
        #expect(try source.kind(of: "a/e") == .symlink)
        #expect(try source.kind(of: "a/b/c") == nil)
        #expect(try source.digest(of: "a/d.txt") == FileDigest(sha256: sha256("d"), size: 1))
    }

    @Test func digestOfLargeFilesIsStreamedAndRight() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let chunk = String(repeating: "0123456789abcdef", count: 65_536) // 1 MiB
        let text = chunk + chunk + "fin"
        try folder.write(text, to: "gros.bin")
        let digest = try Digest.sha256(fileAt: folder.path + "/gros.bin")
        #expect(digest.size == text.utf8.count)
        #expect(digest.sha256 == sha256(text))
        #expect(sha256("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(throws: DossierError.self) { try Digest.sha256(fileAt: folder.path + "/absent") }
    }
}
