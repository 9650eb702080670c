import DossierCore
import Foundation
public import Hummingbird

/// The reader's language: the `lang` cookie (the switch), then `Accept-Language`, then French.
public enum WebLanguage {
    public static let cookie = "lang"

    public static func choose(_ request: Request) -> Lang {
        if let chosen = request.cookies[cookie]?.value, let lang = Lang(rawValue: chosen) { return lang }
        guard let header = request.headers[.acceptLanguage] else { return .fr }
        var best: (Lang, Double)?
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let tag = pieces.first else { continue }
            let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            let lang: Lang? = tag.hasPrefix("fr") ? .fr : tag.hasPrefix("en") ? .en : nil
            if let lang, quality > (best?.1 ?? 0) { best = (lang, quality) }
        }
        return best?.0 ?? .fr
    }

    /// The client's address given by a reverse proxy on the loopback address (the last hop it added).
    public static func forwardedAddress(_ request: Request, peer: String?) -> String? {
        guard let peer, peer == "127.0.0.1" || peer == "::1", let header = request.headers[.xForwardedFor] else { return nil }
        return header.split(separator: ",").last.map { String($0).trimmingCharacters(in: .whitespaces) }
    }
}
