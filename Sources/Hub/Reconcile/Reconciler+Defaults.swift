import Foundation
import Remote

extension Reconciler.Options {
    /// Options that carry no credential: CFAs reached by a local path or a public address, ssh
    /// hosts checked against `knownHosts` (a file; unknown hosts refused). What a process uses when
    /// its executable passed nothing better (the web application before `hub serve` configures it,
    /// tests).
    public static func withoutCredentials(jobs: Int, knownHosts: String, timeout: TimeInterval = RemoteOptions.defaultTimeout) -> Reconciler.Options {
        Reconciler.Options(jobs: jobs, transfer: RemoteOptions(credentials: CredentialSource(environment: [:], home: nil), knownHosts: KnownHosts(path: knownHosts),
                                                               timeout: timeout, onTimeout: { _ in }))
    }
}
