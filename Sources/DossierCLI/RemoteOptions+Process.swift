internal import DossierCore
internal import Foundation
internal import Remote
#if canImport(Glibc)
internal import Glibc
#endif

extension RemoteOptions {
    /// The connection settings of this process: credentials and known hosts from its environment
    /// (`DOSSIER_TOKEN`, `DOSSIER_SSH_KEY`, `DOSSIER_KNOWN_HOSTS`…) and its home folder (`HOME`, else
    /// the account's), the time-out from `DOSSIER_TIMEOUT`. On a time-out the stuck transfer cannot be cancelled: the process says
    /// the remote is unreachable and exits with code 2 — safe at any point, as a kill is.
    static func process(lang: Lang, sshKey: String? = nil, acceptNewHost: Bool = false,
                        environment: [String: String] = ProcessInfo.processInfo.environment) -> RemoteOptions {
        let home = home(environment: environment)
        return RemoteOptions(credentials: CredentialSource(environment: environment, home: home, sshKey: sshKey),
                             knownHosts: .standard(environment: environment, home: home), acceptNewHost: acceptNewHost,
                             timeout: timeout(environment: environment)) { error in
            Output.error(error.text(lang))
            _exit(error.exitCode)
        }
    }

    /// The home folder: `HOME` when set, else the account's (the executable may ask the system;
    /// the libraries are given the answer).
    static func home(environment: [String: String]) -> String {
        environment["HOME"] ?? NSHomeDirectory()
    }

    /// The time-out in seconds: `DOSSIER_TIMEOUT` when a positive number, else the default.
    static func timeout(environment: [String: String]) -> TimeInterval {
        environment["DOSSIER_TIMEOUT"].flatMap(TimeInterval.init).flatMap { $0 > 0 ? $0 : nil } ?? defaultTimeout
    }
}
