internal import Clibgit2
import Foundation
internal import GitSocketStream

/// HTTP basic credentials (user and password or token), the one type git transfers and media
/// transfers (`Remote.HTTPCredential`) share. Git sends them with a transfer's first request, as an `Authorization` header,
/// instead of libgit2's anonymous request answered 401 first (libgit2 1.5 has no option for it:
/// it sends credentials only after a challenge). For a server known to ask for them.
///
/// While a transfer carries them: libgit2 refuses redirects to another host name
/// (`GIT_REMOTE_REDIRECT_NONE`), and the transfer's sockets may connect only to the host and port
/// of its first connection (GitSocketStream), so the header never reaches another server; a 401 is
/// a refusal (the same credentials are not sent a second time).
public struct BasicCredentials: Sendable, Equatable {
    public let user: String
    public let password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    /// The `Authorization` header's value.
    public var authorization: String { "Basic " + Data("\(user):\(password)".utf8).base64EncodedString() }

    var header: String { "Authorization: " + authorization }
}

extension TransferCallbacks {
    /// Runs a libgit2 transfer call with what the up-front credentials need: the custom header and
    /// the redirect policy to put into its options (an empty array and nil when there are none), the
    /// sockets kept to one host meanwhile. Notes whether the transfer connected to a second host
    /// (`connectedToAnotherHost`).
    func withUpFrontCredentials<T>(_ body: (git_strarray, git_remote_redirect_t?) throws -> T) throws -> T {
        try aborter.begin()
        defer { aborter.end() }
        dossier_socket_stream_watch_begin(upFrontCredentials == nil ? 0 : 1)
        defer { if dossier_socket_stream_watch_end() != 0 { connectedToAnotherHost = true } }
        guard let upFront = upFrontCredentials else {
            return try body(git_strarray(strings: nil, count: 0), nil)
        }
        return try withStrArray([upFront.header]) { headers in try body(headers, GIT_REMOTE_REDIRECT_NONE) }
    }
}
