public import LinkedData

/// The issuer as Open Badges 3.0 shows it (`Profile`): the Région.
public struct IssuerProfile: Sendable, Equatable {
    /// A URL where the issuer's Profile (with its public keys) is published.
    public var id: String
    public var name: String
    public var url: String?
    public var email: String?

    public init(id: String, name: String, url: String? = nil, email: String? = nil) {
        self.id = id
        self.name = name
        self.url = url
        self.email = email
    }

    public var json: JSONValue {
        var object = JSONObject([("id", .string(id)), ("type", ["Profile"]), ("name", .string(name))])
        if let url { object["url"] = .string(url) }
        if let email { object["email"] = .string(email) }
        return .object(object)
    }
}
