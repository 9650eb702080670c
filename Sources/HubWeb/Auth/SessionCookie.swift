import Foundation
import WebLayer

/// The cookies of the application: the session (HttpOnly, SameSite=Lax, Secure over https) and
/// the pre-session token that protects the sign-in and invitation forms.
enum SessionCookie {
    static let name = "dossier_session"
    static let preName = "dossier_pre"

    static func session(_ token: String, settings: WebSettings) -> String {
        "\(name)=\(token); Path=/; Max-Age=\(Int(settings.sessionLifetime)); HttpOnly; SameSite=Lax" + (settings.secureCookies ? "; Secure" : "")
    }

    static func cleared(settings: WebSettings) -> String {
        "\(name)=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + (settings.secureCookies ? "; Secure" : "")
    }

    static func pre(_ token: String, settings: WebSettings) -> String {
        "\(preName)=\(token); Path=/; Max-Age=3600; HttpOnly; SameSite=Strict" + (settings.secureCookies ? "; Secure" : "")
    }

    static func language(_ lang: String, settings: WebSettings) -> String {
        "lang=\(lang); Path=/; Max-Age=31536000; SameSite=Lax" + (settings.secureCookies ? "; Secure" : "")
    }
}
