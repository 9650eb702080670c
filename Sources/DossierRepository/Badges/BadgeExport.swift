internal import Credentials
import DossierCore
import Foundation
internal import LinkedData

/// `dossier badges export`: a held credential as a file — the baked badge image (SVG drawn by
/// `BadgeImage`, PNG drawn by `BadgePNG`) or the raw credential (JSON with its proof, or VC-JWT).
public enum BadgeExport {
    public enum Format: String, Sendable, CaseIterable {
        case svg, png, json, jwt
    }

    /// The file's bytes. Images carry the JSON credential (its embedded proof), or the JWT when only
    /// that was delivered.
    public static func bytes(_ format: Format, badge: String, delivered: DeliveredCredentials) throws -> [UInt8] {
        guard let files = delivered.files[badge] else { throw BadgeError.noCredential(badge) }
        switch format {
        case .json:
            guard let json = files.json else { throw BadgeError.noCredentialFile(badge: badge, format: "json") }
            return json
        case .jwt:
            guard let jwt = files.jwt else { throw BadgeError.noCredentialFile(badge: badge, format: "jwt") }
            return Array((jwt + "\n").utf8)
        case .svg, .png:
            let text: String
            if let json = files.json {
                text = String(decoding: json, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            } else if let jwt = files.jwt {
                text = jwt
            } else {
                throw BadgeError.noCredential(badge)
            }
            let style: BadgeImage.Style = badge == CredentialPaths.label ? .label : .badge
            let credential = (try? CredentialInput.read(Array(text.utf8))).flatMap { input -> JSONValue? in
                switch input {
                case .json(let value): value
                case .jwt(let token): try? VCJWT.decode(token).credential
                }
            } ?? .null
            let title = credential["credentialSubject"]?["achievement"]?["name"]?.stringValue ?? badge
            let issuer = credential["issuer"]?["name"]?.stringValue ?? "Région Normandie"
            let year = (credential["validFrom"]?.stringValue).flatMap { Int($0.prefix(4)) }
                ?? Calendar(identifier: .gregorian).component(.year, from: Date())
            if format == .png {
                return try Baking.bakePNG(try BadgePNG.medal(style: style, title: title, issuer: issuer, year: year), credential: text)
            }
            let svg = BadgeImage.svg(title: title, issuer: issuer, year: year, style: style)
            return Array(try Baking.bakeSVG(svg, credential: text).utf8)
        }
    }
}
