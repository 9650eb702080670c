import Foundation
import WebLayer

/// The secrets of one run of `dossier ui`: the launch token (in the first URL the command opens or
/// prints) and the session token it is exchanged for (a cookie). Both are made at start and live in
/// memory only: another program on the machine, or a web page, knows neither.
public struct UISession: Sendable {
    public let launchToken: String
    let sessionToken: String

    public init() {
        launchToken = Tokens.random()
        sessionToken = Tokens.random()
    }

    static let cookieName = "dossier_ui"

    /// The session cookie: HttpOnly, SameSite=Strict (no other site's form or link carries it), for
    /// this server's address only, gone when the browser closes.
    var cookie: String { "\(Self.cookieName)=\(sessionToken); Path=/; HttpOnly; SameSite=Strict" }

    /// The CSRF token every form carries (derived from the session token: nothing to store).
    var csrfToken: String { Tokens.csrf(for: sessionToken, purpose: "ui-form") }

    func isSession(_ value: String?) -> Bool { value.map { Tokens.same($0, sessionToken) } ?? false }
    func isLaunch(_ value: String?) -> Bool { value.map { Tokens.same($0, launchToken) } ?? false }
}
