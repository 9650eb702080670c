import ArgumentParser
import Foundation
import Testing
@testable import DossierCLI
@testable import DossierCore
import DossierRepository
import Git
import Hub
import Remote
import Sync

/// Errors to lines and exit codes, in one place (`Failure.of`).
@Suite("Failures and exit codes")
struct FailureTests {
    func failure(_ error: any Error, _ lang: Lang = .en) throws -> Failure {
        try #require(Failure.of(error, lang: lang), "\(error) is a failure")
    }

    /// The parser's error for these arguments.
    func parserError(_ arguments: [String]) -> any Error {
        do {
            _ = try DossierCommand.parseAsRoot(arguments)
            return ExitCode.success
        } catch {
            return error
        }
    }

    @Test("each exit code: 1 error, 2 unreachable, 3 refused, 4 conflicts, 5 tampering, 6 reconcile, 7 not on main, 8 busy, 64 usage")
    func exitCodes() throws {
        let cases: [(any Error, Int32)] = [
            (DossierError(.fileNotFound("x.yaml")), 1),
            (DossierErrors([DossierError(.fileNotFound("a")), DossierError(.fileNotFound("b"))]), 1),
            (WorkspaceError.branchMoved, 1),
            (WorkspaceError.busy, 8),
            (SyncError.noRemote, 1),
            (RemoteError.unreachable(url: "https://r.example", detail: "refused"), 2),
            (RemoteError.authenticationRefused(url: "https://r.example"), 3),
            (RemoteError.unknownHost(host: "r", fingerprint: "f"), 3),
            (RemoteError.hostKeyChanged(host: "r"), 3),
            (SyncError.conflictsOpen(2), 4),
            (SyncError.tampering(["refs/tags/submissions/tutorat/2027-01-01-1"]), 5),
            (SyncError.notOnMain(branch: "essai"), 7),
            (SyncError.busy, 8),
            (SyncError.remotePushBusy, 8),
            (MediaTransferError.connection(url: "https://m.example", detail: "cut"), 2),
            (MediaTransferError.unauthorized(url: "https://m.example"), 3),
            (MediaTransferError.tooLarge(url: "https://m.example"), 1),
            (HubError.notAHub("/srv/hub"), 1),
            (HubError.storeBusy, 8),
            (ExitCode(6), 6),
            (ExitCode(8), 8),
            (GitError(code: .notFound, errorClass: 0, message: "not found"), 1),
            (TreeSafety.Refusal.tooManyEntries, 1),
            (parserError(["save"]), 64),
            (parserError(["status", "--lang", "de"]), 64),
        ]
        for (error, code) in cases {
            #expect(try failure(error).code == code, "\(error)")
        }
    }

    @Test("the lines: the error's own text in the user's language; one line per error of a list")
    func lines() throws {
        let error = DossierError(.fileNotFound("x.yaml"))
        #expect(try failure(error, .fr).lines == [error.text(.fr)])
        #expect(try failure(error, .en).lines == [error.text(.en)])
        #expect(try failure(SyncError.busy, .fr).lines == [SyncError.busy.text(.fr)])
        let list = DossierErrors([DossierError(.fileNotFound("a")), DossierError(.fileNotFound("b"))])
        #expect(try failure(list).lines == list.errors.map { $0.text(.en) })
        #expect(try failure(ExitCode(6)).lines.isEmpty, "the command already said everything")
    }

    @Test("a usage error is one line in the user's language, without the usage block")
    func usage() throws {
        #expect(try failure(parserError(["save"]), .en).lines == ["Error: Missing expected argument '--message <message>' (see --help)"])
        #expect(try failure(parserError(["save"]), .fr).lines == ["Erreur : argument manquant : « --message <message> » (voir --help)"])
    }

    @Test("a clean exit is not a failure: the parser prints it and the tool exits 0")
    func cleanExit() {
        #expect(Failure.of(CleanExit.helpRequest(), lang: .en) == nil)
        #expect(Failure.of(CleanExit.helpRequest(CheckCommand.self), lang: .en) == nil)
        #expect(Failure.of(CleanExit.message("0.1.0"), lang: .en) == nil)
    }

    /// A new error type cannot be forgotten: every public error type declared in Sources has its
    /// line in Failure+Errors.swift.
    @Test("every public error type of the libraries is mapped")
    func everyErrorTypeMapped() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let mapping = try String(contentsOf: sources.appendingPathComponent("DossierCLI/Failure+Errors.swift"), encoding: .utf8)
        var declared: [String] = []
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }
        for file in files where file.hasSuffix(".swift") && !file.hasPrefix("DossierCLI/") {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: /public (?:final )?(?:enum|struct|class|actor) (\w+)\s*:[^{]*\bError\b/) {
                declared.append(String(match.1))
            }
        }
        #expect(declared.contains("SyncError") && declared.contains("DossierError") && declared.contains("HubError"), "\(declared)")
        for name in declared {
            let line = try Regex("extension ([A-Za-z]+\\.)?\(name): ReportedError")
            #expect(mapping.contains(line), "\(name) has no line in Failure+Errors.swift")
        }
    }
}
