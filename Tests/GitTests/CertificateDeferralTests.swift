import Foundation
import Testing
@testable import Git

/// libgit2's initialisation no longer parses the system CA bundle; a transfer that may use TLS
/// loads it first (GitCertificates).
@Suite("Certificates: the CA bundle is parsed only before a network transfer")
struct CertificateDeferralTests {
    @Test(arguments: [
        ("/srv/dossiers/0141234R.git", true), ("./remote.git", true), ("remote.git", true), ("../remote", true),
        ("file:///srv/remote.git", true), ("FILE:///srv/remote.git", true),
        ("https://hub.example.fr/0141234R.git", false), ("http://127.0.0.1:8080/x.git", false),
        ("ssh://git@hub.example.fr/x.git", false), ("git@hub.example.fr:x.git", false), ("git://hub.example.fr/x", false),
    ])
    func onlyLocalFoldersNeverNeedTLS(url: String, local: Bool) {
        #expect(Libgit2.isLocal(url) == local)
    }

    @Test func theDeferredBundleIsParsedBeforeATransferOverTheNetwork() throws {
        let state = Libgit2.certificatesState
        // libgit2 built against another TLS library (or without one) defers nothing.
        guard let file = state.deferredFile else { return }
        #expect(FileManager.default.fileExists(atPath: file), "\(file)")
        Libgit2.prepareTransfer(to: "https://hub.example.fr/0141234R.git")
        let after = Libgit2.certificatesState
        #expect(after.parsed >= 1, "mbedTLS parsed \(file) for real")
        // Once only.
        Libgit2.prepareTransfer(to: "https://hub.example.fr/0141235S.git")
        #expect(Libgit2.certificatesState.parsed == after.parsed)
    }
}
