internal import Yams

/// The CFA's identity, from `dossier.yaml`.
public struct DossierIdentity: Sendable, Equatable, Encodable {
    public static let fileName = "dossier.yaml"

    public var uai: String
    public var name: String
    public var siret: String?
    public var contact: Person?
    public var referentNumerique: Person?
    public var catalogueVersion: String?
    /// Evidence files at least this large (bytes) are stored as media (git-lfs); nil: the default.
    public var mediaThreshold: Int?

    /// A person to reach: name, e-mail, optional phone.
    public struct Person: Sendable, Equatable, Encodable {
        public var name: String
        public var email: String?
        public var phone: String?

        public init(name: String, email: String? = nil, phone: String? = nil) {
            self.name = name
            self.email = email
            self.phone = phone
        }
    }

    public init(uai: String, name: String, siret: String? = nil, contact: Person? = nil,
                referentNumerique: Person? = nil, catalogueVersion: String? = nil) {
        self.uai = uai
        self.name = name
        self.siret = siret
        self.contact = contact
        self.referentNumerique = referentNumerique
        self.catalogueVersion = catalogueVersion
    }

    /// Checks the UAI and SIRET, throwing a one-line error naming the bad value.
    public func validate(file: String? = nil, uaiLine: Int? = nil, siretLine: Int? = nil) throws {
        guard Identifiers.isValidUAI(uai) else { throw DossierError(.invalidUAI(uai), file: file, line: uaiLine) }
        if let siret, !Identifiers.isValidSIRET(siret) {
            throw DossierError(.invalidSIRET(siret), file: file, line: siretLine)
        }
    }
}

extension DossierIdentity {
    /// Reads `dossier.yaml`.
    public static func parse(_ bytes: [UInt8], file: String = fileName) throws -> DossierIdentity {
        let fields = try YAMLFields(YAMLText.parse(bytes, file: file), file: file)
        try fields.rejectUnknown(["uai", "name", "siret", "contact", "referentNumerique", "catalogueVersion", "mediaThreshold"])
        var identity = DossierIdentity(
            uai: try fields.requiredString("uai"),
            name: try fields.requiredString("name"),
            siret: try fields.string("siret").map { $0.replacingOccurrences(of: " ", with: "") },
            contact: try person(fields, "contact"),
            referentNumerique: try person(fields, "referentNumerique"),
            catalogueVersion: try fields.string("catalogueVersion"))
        if let text = try fields.string("mediaThreshold") {
            guard let bytes = MediaPolicy.parseSize(text) else {
                throw DossierError(.invalidValue(field: "mediaThreshold", value: text, expected: Expectation(fr: "une taille comme 5 MiB ou 5242880", en: "a size such as 5 MiB or 5242880")),
                                   file: file, line: fields.lineOf("mediaThreshold"))
            }
            identity.mediaThreshold = bytes
        }
        try identity.validate(file: file, uaiLine: fields.lineOf("uai"), siretLine: fields.lineOf("siret"))
        return identity
    }

    private static func person(_ fields: YAMLFields, _ key: String) throws -> Person? {
        guard let item = try fields.fields(key) else { return nil }
        try item.rejectUnknown(["name", "email", "phone"])
        return Person(name: try item.requiredString("name"), email: try item.string("email"), phone: try item.string("phone"))
    }

    /// Writes `dossier.yaml` in its canonical layout.
    public func yaml() throws -> String {
        var pairs: [(String, Node)] = [("uai", YAMLOutput.quoted(uai)), ("name", YAMLOutput.text(name))]
        if let siret { pairs.append(("siret", YAMLOutput.quoted(siret))) }
        for (key, person) in [("contact", contact), ("referentNumerique", referentNumerique)] {
            guard let person else { continue }
            var personPairs: [(String, Node)] = [("name", YAMLOutput.text(person.name))]
            if let email = person.email { personPairs.append(("email", YAMLOutput.text(email))) }
            if let phone = person.phone { personPairs.append(("phone", YAMLOutput.quoted(phone))) }
            pairs.append((key, YAMLOutput.mapping(personPairs)))
        }
        if let catalogueVersion { pairs.append(("catalogueVersion", YAMLOutput.quoted(catalogueVersion))) }
        if let mediaThreshold { pairs.append(("mediaThreshold", YAMLOutput.text(MediaPolicy.formatSize(mediaThreshold)))) }
        return try YAMLOutput.serialize(YAMLOutput.mapping(pairs))
    }
}
