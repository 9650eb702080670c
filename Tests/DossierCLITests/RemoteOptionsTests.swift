import Foundation
import Remote
import Testing
@testable import DossierCLI
@testable import DossierCore

/// The connection settings the executable builds from its environment: the libraries get the home
/// folder, the known hosts file and the time-out as plain values and read no environment themselves.
@Suite("Connection settings from the environment")
struct RemoteOptionsTests {
    @Test("the home folder is HOME's: credentials look there, known hosts are under it unless DOSSIER_KNOWN_HOSTS names a file")
    func homeFromTheEnvironment() {
        let options = RemoteOptions.process(lang: .en, environment: ["HOME": "/home/camille", "DOSSIER_TOKEN": "t0k"])
        #expect(options.credentials.home == "/home/camille")
        #expect(options.credentials.environment["DOSSIER_TOKEN"] == "t0k")
        #expect(options.knownHosts.path == "/home/camille/.ssh/known_hosts")
        let named = RemoteOptions.process(lang: .en, environment: ["HOME": "/home/camille", "DOSSIER_KNOWN_HOSTS": "/etc/dossier/hosts"])
        #expect(named.knownHosts.path == "/etc/dossier/hosts")
        #expect(named.credentials.home == "/home/camille")
        // Without HOME, the account's home, as the system gives it to the executable.
        #expect(RemoteOptions.process(lang: .en, environment: [:]).credentials.home == NSHomeDirectory())
    }

    @Test("the time-out: DOSSIER_TIMEOUT when a positive number, else the default")
    func timeout() {
        #expect(RemoteOptions.process(lang: .en, environment: ["DOSSIER_TIMEOUT": "5"]).timeout == 5)
        #expect(RemoteOptions.process(lang: .en, environment: ["DOSSIER_TIMEOUT": "0"]).timeout == RemoteOptions.defaultTimeout)
        #expect(RemoteOptions.process(lang: .en, environment: ["DOSSIER_TIMEOUT": "bientôt"]).timeout == RemoteOptions.defaultTimeout)
    }
}
