import Foundation
import Testing
@testable import DossierCore

@Suite("file system errors")
struct FileProblemTests {
    @Test func foundationAndPOSIXErrorsAreRecognised() {
        #expect(FileProblem(NSError(domain: NSCocoaErrorDomain, code: CocoaError.fileWriteOutOfSpace.rawValue)) == .noSpace)
        #expect(FileProblem(NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC))) == .noSpace)
        #expect(FileProblem(NSError(domain: NSCocoaErrorDomain, code: 512,
                                    userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EROFS))])) == .readOnly)
        #expect(FileProblem(NSError(domain: "other", code: 1)) == nil)
        #expect(FileProblem(errno: EDQUOT) == .noSpace)
    }

    @Test func oneLineInTheUsersLanguage() {
        let error = DossierError.fileSystem(NSError(domain: NSCocoaErrorDomain, code: CocoaError.fileWriteOutOfSpace.rawValue), path: "badges/x/claim.yaml")
        let text = (error as? DossierError)?.text(.fr) ?? ""
        #expect(text.hasPrefix("plus de place sur le disque pour écrire badges/x/claim.yaml"))
        #expect(!text.contains("\n") && !text.contains("Domain"))
        #expect(DossierError(.fileSystem(.noSpace, path: "")).text(.en) == "no space left on the disk: free some space, then try again")
    }

    @Test func atomicWriteLeavesNoTemporaryFileWhenItFails() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // The target is a folder: the rename fails after the bytes were written and flushed.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("cible/dedans"), withIntermediateDirectories: true)
        #expect(throws: DossierError.self) { try AtomicFile.write("texte", to: folder.appendingPathComponent("cible").path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["cible"])
        try AtomicFile.write("texte", to: folder.appendingPathComponent("fichier.yaml").path)
        #expect(try String(contentsOf: folder.appendingPathComponent("fichier.yaml"), encoding: .utf8) == "texte")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["cible", "fichier.yaml"])
    }
}
