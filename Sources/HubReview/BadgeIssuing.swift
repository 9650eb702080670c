public import Credentials
import Foundation

/// What the review room needs to sign Open Badges credentials: the issuer's Profile (hub.yaml),
/// where the public site is (`PublicationLayout`) and the issuer keys' folder. The keys are read
/// only when something has to be signed.
public struct BadgeIssuing: Sendable {
    public var profile: IssuerProfile
    public var layout: PublicationLayout
    public var keysFolder: String

    public init(settings: HubSettings, keysFolder: String) {
        layout = PublicationLayout(baseURL: settings.publicURL)
        profile = IssuerProfile(id: layout.issuerProfileURL, name: settings.issuerName, url: settings.issuerURL,
                                email: settings.issuerEmail)
        self.keysFolder = keysFolder
    }

    public var keyStore: IssuerKeyStore { IssuerKeyStore(folder: keysFolder) }

    /// The issuer with its current keys; nil when no key was ever made (`hub keys init` not run:
    /// awards are recorded and their credentials issued when the keys exist). Keys that exist but
    /// cannot be read (a missing private file, permissions too open…) throw: nothing is issued.
    public func issuer() throws(CredentialError) -> BadgeIssuer? {
        let store = keyStore
        guard store.exists else { return nil }
        return BadgeIssuer(profile: profile, keys: try store.load())
    }
}
