import DossierCore

/// Why `hub publish` wrote nothing. Every case has a French and an English text.
public enum PublishError: Error, Equatable, Sendable, Localized, CustomStringConvertible {
    /// Credentials were issued under `issued`, the site would be at `given`: their ids would not resolve.
    case baseURLMismatch(issued: String, given: String)
    /// `--base-url` is not an http(s) URL.
    case invalidBaseURL(String)
    /// The output folder cannot be written.
    case unwritable(String)

    public var description: String { text(.en) }

    public func text(_ lang: Lang) -> String {
        switch self {
        case .baseURLMismatch(let issued, let given):
            return lang.pick(
                fr: "les attestations ont été signées pour \(issued) ; publier à \(given) casserait leurs liens (réglez publicURL dans hub.yaml avant de décerner)",
                en: "the credentials were signed for \(issued); publishing at \(given) would break their links (set publicURL in hub.yaml before awarding)")
        case .invalidBaseURL(let url):
            return lang.pick(fr: "--base-url attend une adresse http(s) : \(url)", en: "--base-url takes an http(s) URL: \(url)")
        case .unwritable(let path):
            return lang.pick(fr: "\(path) : écriture impossible", en: "\(path): cannot write")
        }
    }
}
