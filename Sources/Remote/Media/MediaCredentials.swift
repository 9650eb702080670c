public import Foundation
public import Git

/// A user name and password (or token) for HTTP basic authentication: git's own type
/// (`Git.BasicCredentials`, which computes the `Authorization` header), under the name media uses.
public typealias HTTPCredential = BasicCredentials

extension CredentialSource {
    /// The credential to send to an HTTP(S) server, the same git gets: `DOSSIER_TOKEN` (user
    /// `DOSSIER_USER`, else the URL's user, else "dossier"); else a user and password written in the
    /// URL; else the `~/.git-credentials` line for the URL's scheme, host and port. Nil: anonymous.
    public func httpCredential(for url: String) -> HTTPCredential? {
        let components = URLComponents(string: url)
        let urlUser = components?.user.map { $0.removingPercentEncoding ?? $0 }
        if let token = environment["DOSSIER_TOKEN"], !token.isEmpty {
            let user = environment["DOSSIER_USER"].flatMap { $0.isEmpty ? nil : $0 } ?? urlUser ?? "dossier"
            return HTTPCredential(user: user, password: token)
        }
        if let urlUser, let password = components?.password {
            return HTTPCredential(user: urlUser, password: password.removingPercentEncoding ?? password)
        }
        if case .userPassword(let user, let password)? = storedCredential(for: url) {
            return HTTPCredential(user: user, password: password)
        }
        return nil
    }
}
