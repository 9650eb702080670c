public import Foundation

/// A user name and password (or token) for HTTP basic authentication.
public struct HTTPCredential: Sendable, Equatable {
    public let user: String
    public let password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    /// The `Authorization` header's value.
    public var authorization: String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }
}

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
