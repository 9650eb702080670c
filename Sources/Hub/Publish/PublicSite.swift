internal import Credentials
import DossierCore
import Foundation
internal import LinkedData

/// `dossier hub publish DIR [--base-url URL]`: the static public site of the badges — the issuer
/// Profile with its public keys, each Achievement (JSON, French criteria page, image), the status
/// list, each credential (JSON, JWT, baked image), one page per CFA and the showcase (`index.html`):
/// the labelled CFAs and every CFA's valid badges. Plain HTML and CSS, no script; any web server
/// serves it. Paths follow `PublicationLayout`, so that every id in a credential resolves.
public struct PublicSite {
    public struct Summary: Sendable, Equatable {
        public var files: Int
        public var credentials: Int
        public var labelled: Int
    }

    let hub: Hub
    let layout: PublicationLayout
    let day: Day
    /// Achievement names by credential key (a badge id or the label), computed once.
    let titles: [String: String]

    public init(hub: Hub, baseURL: String?, day: Day) throws {
        let base = baseURL ?? hub.settings.publicURL
        guard base.hasPrefix("https://") || base.hasPrefix("http://") else { throw PublishError.invalidBaseURL(base) }
        let given = PublicationLayout(baseURL: base)
        let issued = PublicationLayout(baseURL: hub.settings.publicURL)
        if given != issued, try !hub.badgeCredentials(uai: nil).isEmpty {
            throw PublishError.baseURLMismatch(issued: issued.baseURL, given: given.baseURL)
        }
        self.hub = hub
        layout = given
        self.day = day
        var titles: [String: String] = [BadgeAchievements.labelKey: "Label « \(hub.catalogue.label.title) »"]
        for badge in hub.catalogue.badges { titles[badge.id] = "Badge « \(badge.title) »" }
        self.titles = titles
    }

    /// Writes the site into `folder` (created when missing; files already there are replaced).
    @discardableResult
    public func write(to folder: String) throws -> Summary {
        var files: [String: [UInt8]] = [:]
        func put(_ path: String, _ text: String) { files[path] = Array(text.utf8) }
        let catalogue = hub.catalogue
        let credentials = try hub.badgeCredentials(uai: nil)
        let cfas = Dictionary(try hub.cfas().map { ($0.uai, $0) }, uniquingKeysWith: { a, _ in a })

        put("style.css", HTML.stylesheet)
        if let issuer = try hub.publishedIssuerDocuments() {
            put("issuer.json", issuer.profile)
            put("status/1.json", issuer.statusList)
        } else if let issuer = try hub.badgeIssuing?.issuer() {
            put("issuer.json", issuer.publicProfile().serialized(pretty: true) + "\n")
        }

        // Achievements: every revision's JSON and criteria page (a later catalogue version that changed
        // a badge adds `achievements/<id>/<version>.*`; published documents never change), one image.
        let keys = hub.schedule.allBadgeIDs + [BadgeAchievements.labelKey]
        var images: [String: Artwork] = [:]
        for key in keys {
            let id = BadgeAchievements.publicID(key, catalogue: catalogue)
            let revisions = try BadgeAchievements.definitions(key, catalogues: hub.schedule, layout: layout)
            guard let definition = revisions.last?.definition else { continue }
            for (revision, definition) in revisions {
                let path = try layout.achievementPath(id, revision: revision.pathRevision)
                put(path + ".json", definition.publishedJSON.serialized(pretty: true) + "\n")
                put(path + ".html", criteriaPage(definition, id: id, revised: revision.pathRevision != nil, newest: definition == revisions.last?.definition))
            }
            let artwork = artwork(id, title: definition.name, label: key == BadgeAchievements.labelKey)
            images[key] = artwork
            files["achievements/\(id).svg"] = Array((artwork.svg ?? generated(definition.name, label: key == BadgeAchievements.labelKey)).utf8)
            if let png = artwork.png { files["achievements/\(id).png"] = png }
        }

        // Credentials: JSON, JWT, the baked image.
        var generatedImages: [String: String] = [:]
        for credential in credentials {
            let base = "credentials/\(credential.uai)/\(credential.badge)"
            put(base + ".json", credential.json)
            put(base + ".jwt", credential.jwt + "\n")
            let artwork = images[credential.badge] ?? Artwork()
            if let png = artwork.png {
                files[base + ".png"] = try Baking.bakePNG(png, credential: credential.json)
            } else {
                let key = "\(credential.badge) \(credential.validFrom.year)"
                let svg = artwork.svg ?? generatedImages[key] ?? BadgeImage.svg(
                    title: title(credential), issuer: hub.settings.issuerName, year: credential.validFrom.year,
                    style: credential.isLabel ? .label : .badge)
                generatedImages[key] = svg
                put(base + ".svg", try Baking.bakeSVG(svg, credential: credential.json))
            }
        }

        // Pages: one per CFA with a credential, the showcase, the verification explanation.
        let byCFA = Dictionary(grouping: credentials, by: \.uai)
        var labelled: [(uai: String, name: String, until: Day)] = []
        for (uai, mine) in byCFA {
            let name = cfas[uai]?.name ?? uai
            put("cfa/\(uai).html", cfaPage(uai: uai, name: name, credentials: mine, images: images))
            if let label = mine.first(where: { $0.isLabel && isValid($0) }) { labelled.append((uai, name, label.validUntil)) }
        }
        labelled.sort { ($0.name, $0.uai) < ($1.name, $1.uai) }
        put("index.html", showcase(labelled: labelled, byCFA: byCFA, cfas: cfas, images: images))
        put("verifier.html", verifyPage())

        try writeFiles(files, to: folder)
        return Summary(files: files.count, credentials: credentials.count, labelled: labelled.count)
    }

    // MARK: images

    struct Artwork {
        var svg: String?
        var png: [UInt8]?
    }

    /// The Région's own artwork `artwork/<id>.svg|png` in the hub folder, when there is one.
    func artwork(_ id: String, title: String, label: Bool) -> Artwork {
        let base = hub.root + "/artwork/" + id
        if let data = FileManager.default.contents(atPath: base + ".svg"), let text = String(data: data, encoding: .utf8) {
            return Artwork(svg: text)
        }
        if let data = FileManager.default.contents(atPath: base + ".png"), data.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            return Artwork(png: Array(data))
        }
        return Artwork()
    }

    func generated(_ title: String, label: Bool) -> String {
        BadgeImage.svg(title: title, issuer: hub.settings.issuerName, year: day.year, style: label ? .label : .badge)
    }

    func imagePath(_ credential: BadgeCredential, images: [String: Artwork]) -> String {
        "credentials/\(credential.uai)/\(credential.badge)" + (images[credential.badge]?.png != nil ? ".png" : ".svg")
    }

    func isValid(_ credential: BadgeCredential) -> Bool {
        credential.revokedAt == nil && credential.validFrom <= day && day < credential.validUntil
    }

    func title(_ credential: BadgeCredential) -> String { titles[credential.badge] ?? credential.badge }

    // MARK: pages

    /// The criteria page of one revision: at `achievements/<id>.html` (the first), or
    /// `achievements/<id>/<version>.html` (`revised`), with links between revisions.
    func criteriaPage(_ definition: AchievementDefinition, id: String, revised: Bool, newest: Bool) -> String {
        let up = revised ? "../" : ""
        let json = revised ? (definition.version ?? id) + ".json" : id + ".json"
        var history = ""
        if let previous = definition.previous, let path = layout.relativePath(of: previous.id) {
            // From this page's folder to the previous revision's page.
            let page = String(path.dropFirst("achievements/".count).dropLast(".json".count)) + ".html"
            history += """
                <p>Cette définition remplace celle du catalogue \(HTML.escape(previous.version ?? "—")) :
                <a href="\(HTML.escape(up + page))">définition précédente</a>.</p>
                """
        }
        if !newest { history += "<p>Une version plus récente de ce badge existe dans un catalogue postérieur.</p>" }
        let body = """
            <p><img src="\(HTML.escape(up + id)).svg" alt="Image du \(HTML.escape(definition.name))" width="128" height="128"></p>
            <p>\(HTML.escape(definition.description))</p>
            \(HTML.markdown(definition.criteriaNarrative))
            <p>Version du catalogue : \(HTML.escape(definition.version ?? "—")). Définition lisible par machine (Open Badges 3.0, Achievement) :
            <a href="\(HTML.escape(json))">\(HTML.escape(json))</a>.</p>
            \(history)
            """
        return HTML.page(title: definition.name, root: revised ? "../../" : "../", body: body)
    }

    func badgeItem(_ credential: BadgeCredential, images: [String: Artwork], root: String) -> String {
        let title = title(credential)
        let base = "\(root)credentials/\(credential.uai)/\(credential.badge)"
        return """
            <li><img src="\(root)\(HTML.escape(imagePath(credential, images: images)))" alt="\(HTML.escape(title))" width="128" height="128">
            <br>\(HTML.escape(title))<br>valide jusqu'au \(credential.validUntil)
            <br><a href="\(HTML.escape(base)).json">attestation JSON<span class="visually-hidden"> — \(HTML.escape(title))</span></a>
            · <a href="\(HTML.escape(base)).jwt">JWT<span class="visually-hidden"> — \(HTML.escape(title))</span></a></li>
            """
    }

    func cfaPage(uai: String, name: String, credentials: [BadgeCredential], images: [String: Artwork]) -> String {
        let valid = credentials.filter(isValid)
        // `-> String`: else the multi-line literal makes the closure's type GRDB's `SQL` (a string
        // interpolation type in scope), and `joined` a SQL fragment whose description is printed.
        let rows = credentials.sorted { $0.badge < $1.badge }.map { credential -> String in
            let state = credential.revokedAt != nil ? "<span class=\"revoked\">révoqué</span>"
                : isValid(credential) ? "valide" : "hors de sa période de validité"
            let base = "../credentials/\(credential.uai)/\(credential.badge)"
            return """
                <tr><th scope="row">\(HTML.escape(title(credential)))</th><td>\(credential.validFrom)</td><td>\(credential.validUntil)</td><td>\(state)</td>
                <td><a href="\(HTML.escape(base)).json">JSON</a> · <a href="\(HTML.escape(base)).jwt">JWT</a> · <a href="../\(HTML.escape(imagePath(credential, images: images)))">image</a></td></tr>
                """
        }.joined(separator: "\n")
        let body = """
            <p>UAI : \(HTML.escape(uai))</p>
            <h2>Badges valides</h2>
            \(valid.isEmpty ? "<p>Aucun badge valide aujourd'hui.</p>" : "<ul class=\"badges\">\n" + valid.map { badgeItem($0, images: images, root: "../") }.joined(separator: "\n") + "\n</ul>")
            <h2>Toutes les attestations</h2>
            <table>
            <caption>Attestations Open Badges de \(HTML.escape(name)) au \(day)</caption>
            <thead><tr><th scope="col">Badge</th><th scope="col">Depuis</th><th scope="col">Jusqu'au</th><th scope="col">État</th><th scope="col">Fichiers</th></tr></thead>
            <tbody>
            \(rows)
            </tbody>
            </table>
            <p><a href="../verifier.html">Comment vérifier ces badges</a></p>
            """
        return HTML.page(title: name, root: "../", body: body)
    }

    func showcase(labelled: [(uai: String, name: String, until: Day)], byCFA: [String: [BadgeCredential]], cfas: [String: CFARecord],
                  images: [String: Artwork]) -> String {
        let labelRows = labelled.map { labelledCFA -> String in
            let (uai, name, until) = labelledCFA
            return "<tr><th scope=\"row\"><a href=\"cfa/\(HTML.escape(uai)).html\">\(HTML.escape(name))</a></th><td>\(HTML.escape(uai))</td><td>\(until)</td></tr>"
        }.joined(separator: "\n")
        let labelTable = labelled.isEmpty ? "<p>Aucun CFA ne détient le label aujourd'hui.</p>" : """
            <table>
            <caption>CFA labellisés « CFA numérique normand » au \(day)</caption>
            <thead><tr><th scope="col">CFA</th><th scope="col">UAI</th><th scope="col">Label valide jusqu'au</th></tr></thead>
            <tbody>
            \(labelRows)
            </tbody>
            </table>
            """
        var sections: [String] = []
        for uai in byCFA.keys.sorted() {
            let valid = (byCFA[uai] ?? []).filter(isValid).sorted { ($0.isLabel ? 0 : 1, $0.badge) < ($1.isLabel ? 0 : 1, $1.badge) }
            guard !valid.isEmpty else { continue }
            let name = cfas[uai]?.name ?? uai
            sections.append("""
                <section aria-labelledby="cfa-\(HTML.escape(uai))">
                <h3 id="cfa-\(HTML.escape(uai))"><a href="cfa/\(HTML.escape(uai)).html">\(HTML.escape(name))</a></h3>
                <ul class="badges">
                \(valid.map { badgeItem($0, images: images, root: "") }.joined(separator: "\n"))
                </ul>
                </section>
                """)
        }
        let body = """
            <p>La Région Normandie décerne aux CFA des badges numériques signés (Open Badges 3.0). \
            Chaque badge est vérifiable par tous, sans compte ni logiciel de la Région : <a href="verifier.html">comment vérifier</a>.</p>
            <h2>CFA labellisés</h2>
            \(labelTable)
            <h2>Badges valides des CFA</h2>
            \(sections.isEmpty ? "<p>Aucun badge valide aujourd'hui.</p>" : sections.joined(separator: "\n"))
            """
        return HTML.page(title: "Vitrine du label « CFA numérique normand »", root: "", body: body)
    }

    func verifyPage() -> String {
        let body = """
            <p>Chaque badge est une attestation <strong>Open Badges 3.0</strong> (1EdTech, sur les attestations vérifiables W3C 2.0), \
            signée par la Région de deux façons : une preuve intégrée <code>eddsa-rdfc-2022</code> (fichier <code>.json</code>) \
            et un JWT signé RS256 (fichier <code>.jwt</code>). L'image du badge contient l'attestation (« badge cuit »).</p>
            <h2>Vérifier</h2>
            <ol>
            <li>Prenez l'attestation : le fichier <code>.json</code> ou <code>.jwt</code>, ou l'image du badge, qui la contient.</li>
            <li>Déposez-la dans un vérificateur Open Badges 3.0 (par exemple le validateur de 1EdTech), ou lancez \
            <code>dossier verify FICHIER</code>.</li>
            <li>Le vérificateur lit les clés publiques de la Région dans son <a href="issuer.json">profil d'émetteur</a> \
            (clés en service et clés retirées : un badge signé avant un changement de clé reste vérifiable).</li>
            <li>Il consulte la <a href="status/1.json">liste de révocation</a> : un badge retiré par la Région y est marqué.</li>
            <li>Il contrôle les dates : un badge n'est valide qu'entre sa date de début et sa date de fin.</li>
            </ol>
            <p>La preuve (<code>evidence</code>) de chaque attestation nomme l'étiquette git et le commit du dossier de preuves \
            que le groupe de pairs a examiné.</p>
            """
        return HTML.page(title: "Vérifier un badge de la Région", root: "", body: body)
    }

    // MARK: files

    func writeFiles(_ files: [String: [UInt8]], to folder: String) throws {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            // Folders seen, and whether they were there before this run (else they hold nothing to compare).
            var folders: [String: Bool] = [:]
            for (path, bytes) in files.sorted(by: { $0.key < $1.key }) {
                let target = folder + "/" + path
                let parent = (target as NSString).deletingLastPathComponent
                var existed = folders[parent]
                if existed == nil {
                    existed = manager.fileExists(atPath: parent)
                    if existed == false { try manager.createDirectory(atPath: parent, withIntermediateDirectories: true) }
                    folders[parent] = existed
                }
                // An unchanged file is left alone (a re-publish mostly rewrites nothing); a changed one
                // is replaced whole (temporary file, rename), without a flush to the disk per file.
                if existed == true, let existing = manager.contents(atPath: target), existing.count == bytes.count,
                   existing == Data(bytes) { continue }
                guard SiteFile.replace(target, with: bytes) else { throw PublishError.unwritable(folder) }
            }
        } catch {
            throw PublishError.unwritable(folder)
        }
    }
}
