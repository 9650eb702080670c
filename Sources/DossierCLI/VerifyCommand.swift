internal import ArgumentParser
internal import Credentials
internal import DossierCore
internal import DossierRepository
internal import Foundation
internal import LinkedData
internal import Remote

/// `dossier verify FILE|URL`: checks any Open Badges 3.0 credential (JSON with its proof, VC-JWT,
/// or baked in a PNG or an SVG) and says what it checked. Offline with what is at hand — the issuer
/// keys pinned in this dossier and its delivered status list, `--key`, `--status-list` — and online
/// for what is missing (the issuer's Profile, the status list), unless `--offline`.
struct VerifyCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "verify",
                             abstract: L10n.t("Vérifie un badge Open Badges 3.0 (JSON, JWT, PNG ou SVG, fichier ou adresse) : signature, émetteur, dates, révocation, structure.",
                                              "Verify an Open Badges 3.0 credential (JSON, JWT, PNG or SVG, file or address): signature, issuer, dates, revocation, structure."),
                             discussion: L10n.t("Codes de sortie : 0 badge valide ; 9 badge non valide (signature, émetteur, dates, révocation ou structure) ; 2 document injoignable ; 1 fichier illisible ou autre erreur.",
                                                "Exit codes: 0 valid credential; 9 credential not valid (signature, issuer, dates, revocation or structure); 2 document unreachable; 1 unreadable file or other error."))
    }

    @OptionGroup var options: GlobalOptions
    @Argument(help: ArgumentHelp(L10n.t("Fichier (.json, .jwt, .png, .svg) ou adresse http(s).", "File (.json, .jwt, .png, .svg) or http(s) address."),
                                 valueName: "file-or-url"))
    var source: String
    @Flag(help: ArgumentHelp(L10n.t("Ne rien télécharger (clés et listes de statuts déjà connues seulement).",
                                    "Download nothing (keys and status lists already known only).")))
    var offline = false
    @Option(name: .customLong("key"), help: ArgumentHelp(L10n.t("Clé de confiance pour l'émetteur du badge : MÉTHODE=z6Mk… (répétable).",
                                                                "Trusted key for the credential's issuer: METHOD=z6Mk… (repeatable)."),
                                                         valueName: "method=multibase"))
    var keys: [String] = []
    @Option(name: .customLong("status-list"), help: ArgumentHelp(L10n.t("Fichier d'une liste de statuts déjà téléchargée, précédé de « ADRESSE= » si elle est publiée ailleurs que son id (répétable).",
                                                                        "File of a status list already downloaded, after `URL=` when it is published elsewhere than its id (repeatable)."),
                                                                 valueName: "[url=]file"))
    var statusListFiles: [String] = []
    @Flag(help: ArgumentHelp(L10n.t("Sortie JSON.", "JSON output."))) var json = false

    func validate() throws {
        for key in keys where !key.contains("=") {
            throw ValidationError(L10n.t("--key attend MÉTHODE=z6Mk…", "--key takes METHOD=z6Mk…"))
        }
    }

    func run() throws {
        let context = try CommandContext(options)
        let fetcher = HTTPDocumentFetcher(lang: context.lang)
        let isURL = source.lowercased().hasPrefix("https://") || source.lowercased().hasPrefix("http://")
        if isURL && offline {
            throw BadgeError.download(url: source, detail: context.t("--offline interdit le téléchargement", "--offline forbids downloading"))
        }
        let bytes = isURL ? try fetcher.fetch(source) : try read(source, context: context)

        // What is at hand: this dossier's pinned keys and delivered status list, if run in one.
        var trusted = TrustedKeys()
        var lists: [String: JSONValue] = [:]
        var pinnedIssuer: String?
        if let workspace = try? Workspace.open(at: context.folder, catalogue: context.catalogue) {
            if let pin = try IssuerKeyPin.load(gitDirectory: workspace.repository.gitDirectory) {
                trusted.merge(try pin.trustedKeys())
                pinnedIssuer = pin.issuer
            }
            lists.merge(try DeliveredCredentials.read(from: workspace.repository).statusLists) { _, new in new }
        }
        let userKeys = keys.map { key in
            let parts = key.split(separator: "=", maxSplits: 1).map(String.init)
            return (method: parts[0], multibase: parts.count > 1 ? parts[1] : "")
        }
        try BadgeVerification.trust(userKeys: userKeys, for: bytes, into: &trusted)
        for argument in statusListFiles {
            // `URL=FILE` when the list is published at another address than its `id`.
            let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
            let (address, file) = parts.count == 2 && parts[0].lowercased().hasPrefix("http") ? (parts[0], parts[1]) : (nil, argument)
            let list = try JSONValue.parse(try read(file, context: context))
            if let url = address ?? list["id"]?.stringValue { lists[url] = list }
        }

        let outcome = BadgeVerification(trustedKeys: trusted, statusLists: lists, fetcher: offline ? nil : fetcher,
                                        pinnedIssuer: pinnedIssuer).verify(bytes: bytes)
        let report = outcome.report
        if json {
            try Output.json(VerifyJSON(outcome, source: source, lang: context.lang))
        } else {
            VerifyText(context: context).print(outcome, source: source)
        }
        guard report.isValid else {
            let failed = report.checks.first { $0.outcome == .failed }
            let reason = failed?.text(context.lang) ?? context.t("signature ou émetteur non vérifiés", "signature or issuer not verified")
            throw BadgeError.notValid(reason)
        }
    }

    func read(_ file: String, context: CommandContext) throws -> [UInt8] {
        let path = file.hasPrefix("/") ? file : context.folder + "/" + file
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BadgeError.file(path: file, detail: context.t("fichier introuvable ou illisible", "file not found or unreadable"))
        }
        return Array(data)
    }
}

/// `dossier verify` for people: what was checked, one line each.
struct VerifyText {
    let context: CommandContext

    func print(_ outcome: BadgeVerification.Outcome, source: String) {
        let t = context.t
        let report = outcome.report
        let proof = switch report.proofFormat {
        case .dataIntegrity?: t("preuve intégrée Data Integrity eddsa-rdfc-2022", "embedded Data Integrity proof eddsa-rdfc-2022")
        case .jwt?: t("VC-JWT", "VC-JWT")
        case nil: t("format non reconnu", "format not recognised")
        }
        Output.line(t("Vérification de \(source) (\(proof)) :", "Verifying \(source) (\(proof)):"))
        for url in outcome.fetched { Output.line("  " + t("téléchargé : \(url)", "downloaded: \(url)")) }
        for problem in outcome.problems { Output.line("  " + problem.text(context.lang)) }
        for check in report.checks { Output.line("  " + check.text(context.lang)) }
        guard report.isValid, let credential = report.credential else { return }
        let name = credential["credentialSubject"]?["achievement"]?["name"]?.stringValue ?? credential["name"]?.stringValue ?? "?"
        let issuer = credential["issuer"]?["name"]?.stringValue ?? credential["issuer"]?["id"]?.stringValue ?? credential["issuer"]?.stringValue ?? "?"
        let subject = credential["credentialSubject"]?["name"]?.stringValue ?? credential["credentialSubject"]?["id"]?.stringValue
        let to = subject.map { t(" à \($0)", " to \($0)") } ?? ""
        Output.line(t("Badge valide : « \(name) » délivré par \(issuer)\(to).", "Valid credential: '\(name)' issued by \(issuer)\(to)."))
        if report.checks.contains(where: { $0.kind == .status && $0.outcome == .notChecked }) || !report.checks.contains(where: { $0.kind == .status }) {
            Output.line(t("(révocation non vérifiée)", "(revocation not checked)"))
        }
    }
}

/// `dossier verify --json`.
struct VerifyJSON: Encodable {
    struct Check: Encodable {
        let kind: String
        let outcome: String
        let text: String
    }

    let source: String
    let valid: Bool
    let proofFormat: String?
    let checks: [Check]
    let fetched: [String]
    let problems: [String]

    init(_ outcome: BadgeVerification.Outcome, source: String, lang: Lang) {
        self.source = source
        valid = outcome.report.isValid
        proofFormat = outcome.report.proofFormat?.rawValue
        checks = outcome.report.checks.map { check in
            let result = switch check.outcome {
            case .passed: "passed"
            case .failed: "failed"
            case .notChecked: "notChecked"
            }
            return Check(kind: check.kind.rawValue, outcome: result, text: check.text(lang))
        }
        fetched = outcome.fetched
        problems = outcome.problems.map { $0.text(lang) }
    }
}
