import DossierCore
import Foundation
internal import HTTPTypes
import Hub
import Hummingbird
import WebLayer

/// `/cfa/<UAI>/<badge>/evidence/<id>`: one evidence shown in a page (text and Markdown rendered
/// as text, images, PDFs in a frame, videos, links); `…/raw` serves its bytes, found by request
/// and evidence id only, always under a sandbox policy (see docs/HUB.md, "Evidence").
extension WebApp {
    static let evidenceTemplate = WebTemplate("evidence", #"""
<h1>{{title}}</h1>
<p><a href="{{back}}">{{t.back}}</a></p>
<dl class="facts">
<dt>{{t.criterion}}</dt><dd>{{criterion}}</dd>
{{#file}}<dt>{{t.file}}</dt><dd><code>{{file}}</code> {{size}}</dd>{{/file}}
{{#sha}}<dt>SHA-256</dt><dd><code>{{sha}}</code></dd>{{/sha}}
</dl>
<h2>{{t.content}}</h2>
{{#text}}<pre class="text">{{text}}</pre>{{/text}}
{{#markdown}}<div class="markdown">{{{markdown}}}</div>{{/markdown}}
{{#image}}<p><img class="evidence" src="{{raw}}" alt="{{title}}"></p>{{/image}}
{{#pdf}}<iframe class="evidence" src="{{raw}}" title="{{title}}"></iframe><p><a href="{{raw}}">{{t.openPDF}}</a></p>{{/pdf}}
{{#video}}<video class="evidence" controls preload="metadata" src="{{raw}}"><a href="{{raw}}">{{t.downloadVideo}}</a></video>{{/video}}
{{#link}}<p>{{t.link}} <a href="{{link}}" rel="noopener noreferrer">{{link}}</a></p>{{/link}}
{{#linkText}}<p>{{t.linkUnsafe}} <code>{{linkText}}</code></p>{{/linkText}}
{{#mediaMissing}}<p class="notice">{{mediaMissing}}</p>{{/mediaMissing}}
{{#canFetch}}<form method="post" action="{{fetch}}">
<input type="hidden" name="csrf" value="{{csrf}}">
<p><button type="submit">{{t.fetch}}</button> <span class="hint">{{t.fetchHint}}</span></p>
</form>{{/canFetch}}
{{#missing}}<p class="notice">{{t.missing}}</p>{{/missing}}
{{#download}}<p>{{t.downloadOnly}}</p>{{/download}}
{{#raw}}<p><a href="{{raw}}?download=1" download>{{t.download}}</a></p>{{/raw}}
"""#)

    static let evidenceStrings = WebStrings([
        "back": ("Retour à la demande", "Back to the request"),
        "content": ("Contenu", "Content"),
        "criterion": ("Critère", "Criterion"),
        "file": ("Fichier", "File"),
        "openPDF": ("Ouvrir le PDF seul", "Open the PDF on its own"),
        "downloadVideo": ("Télécharger la vidéo", "Download the video"),
        "link": ("Lien :", "Link:"),
        "linkUnsafe": ("Adresse non ouverte (ni http ni https) :", "Address not opened (neither http nor https):"),
        "missing": ("Ce fichier manque dans la version reçue par le hub.", "This file is missing from the version the hub received."),
        "downloadOnly": ("Ce type de fichier ne s'affiche pas dans la page : téléchargez-le.",
                         "This kind of file is not shown in the page: download it."),
        "download": ("Télécharger le fichier", "Download the file"),
        "fetch": ("Récupérer ce média chez le CFA", "Fetch this media from the CFA"),
        "fetchHint": ("Téléchargé depuis le serveur du CFA et vérifié ; cela peut prendre quelques minutes.",
                      "Downloaded from the CFA's server and verified; this may take a few minutes."),
    ])

    func addEvidenceRoutes(to router: Router<WebContext>) {
        router.get("/cfa/:uai/:badge/evidence/:id") { request, context -> Response in
            _ = try self.member(context)
            return try self.evidencePage(request, context)
        }
        router.get("/cfa/:uai/:badge/evidence/:id/raw") { request, context -> Response in
            _ = try self.member(context)
            return try self.evidenceRaw(request, context)
        }
        router.post("/cfa/:uai/:badge/evidence/:id/fetch") { request, context -> Response in
            _ = try self.member(context)
            _ = try await self.form(request, context, csrf: context.csrfToken)
            let (content, base) = try self.evidence(context)
            guard let options = self.settings.mediaOptions, case .mediaMissing = content.body else { throw WebError.notFound }
            let (uai, badge, lang) = (content.submission.uai, content.submission.badge, context.lang)
            // A transfer blocks its thread: it runs on its own, not on the server's few workers.
            try await Self.onOwnThread { _ = try self.hub.fetchMedia(uai: uai, badge: badge, options: options, lang: lang) }
            return self.redirect(base + "/evidence/" + WebPath.segment(content.record.evidenceID))
        }
    }

    func evidence(_ context: WebContext) throws -> (EvidenceContent, String) {
        let uai = try context.parameters.require("uai"), badge = try context.parameters.require("badge")
        let id = try context.parameters.require("id")
        return (try hub.evidenceContent(uai: uai, badge: badge, evidenceID: id),
                "/cfa/\(WebPath.segment(uai))/\(WebPath.segment(badge))")
    }

    func evidencePage(_ request: Request, _ context: WebContext) throws -> Response {
        let lang = context.lang
        let (content, base) = try evidence(context)
        let record = content.record
        let raw = base + "/evidence/" + WebPath.segment(record.evidenceID) + "/raw"
        var model: [String: Any] = [
            "title": record.title, "back": base, "criterion": record.criterion, "file": record.path ?? "",
            "size": record.size.map { "(" + Self.size($0, lang) + ")" } ?? "", "sha": record.sha256 ?? "",
        ]
        switch content.body {
        case .link(let url):
            if let scheme = URL(string: url)?.scheme?.lowercased(), scheme == "https" || scheme == "http" { model["link"] = url }
            else { model["linkText"] = url }
        case .missing:
            model["missing"] = true
        case .mediaMissing:
            if settings.mediaOptions != nil {
                model["canFetch"] = true
                model["fetch"] = String(raw.dropLast(4)) + "/fetch"
            }
            model["mediaMissing"] = lang.t("Ce média n'est pas encore sur le hub : « dossier hub media \(content.submission.uai) \(content.submission.badge) --fetch » le récupère chez le CFA.",
                                           "This media is not at the hub yet: `dossier hub media \(content.submission.uai) \(content.submission.badge) --fetch` fetches it from the CFA.")
        case .bytes(let bytes):
            model["raw"] = raw
            switch EvidenceType.classify(name: record.path ?? "", head: bytes) {
            case .text: model["text"] = String(decoding: bytes, as: UTF8.self)
            case .markdown: model["markdown"] = Self.markdownHTML(String(decoding: bytes, as: UTF8.self))
            case .image: model["image"] = true
            case .pdf: model["pdf"] = true
            case .video: model["video"] = true
            case .download: model["download"] = true
            }
        case .mediaFile(let path, _):
            model["raw"] = raw
            switch EvidenceType.classify(name: record.path ?? "", head: Self.head(of: path)) {
            case .text, .markdown, .download: model["download"] = true
            case .image: model["image"] = true
            case .pdf: model["pdf"] = true
            case .video: model["video"] = true
            }
        }
        return try page(request, context, title: record.title, template: Self.evidenceTemplate, strings: Self.evidenceStrings,
                        model: model, nav: .queue)
    }

    /// The evidence's bytes: its checked type, `nosniff`, a sandbox policy, `attachment` for what is
    /// not shown in place; byte ranges (videos).
    func evidenceRaw(_ request: Request, _ context: WebContext) throws -> Response {
        try serveEvidence(evidence(context).0, request)
    }

    /// An evidence's bytes as `…/evidence/<id>/raw` serves them: the type checked against the bytes,
    /// the evidence headers (`evidenceHeaders`: nosniff by the front, a sandbox policy, attachment
    /// for what is not shown in place), byte ranges.
    func serveEvidence(_ content: EvidenceContent, _ request: Request) throws -> Response {
        let name = content.record.path ?? content.record.evidenceID
        let download = request.uri.queryParameters["download"] != nil
        let total: Int
        let type: EvidenceType
        switch content.body {
        case .bytes(let bytes):
            total = bytes.count
            type = EvidenceType.classify(name: name, head: bytes)
        case .mediaFile(let path, let size):
            total = size
            type = EvidenceType.classify(name: name, head: Self.head(of: path))
        case .link, .missing, .mediaMissing:
            throw WebError.notFound
        }
        var headers = Self.evidenceHeaders(type: type, name: name, id: content.record.evidenceID, download: download)
        headers[.acceptRanges] = "bytes"
        var status = HTTPResponse.Status.ok
        var range = 0..<total
        if let header = request.headers[.range] {
            guard let asked = Self.byteRange(header, total: total) else {
                var refused = Response(status: .rangeNotSatisfiable, headers: headers)
                refused.headers[.contentRange] = "bytes */\(total)"
                return refused
            }
            range = asked
            status = .partialContent
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(total)"
        }
        headers[.contentLength] = String(range.count)
        switch content.body {
        case .bytes(let bytes):
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes[range])))
        case .mediaFile(let path, _):
            return Response(status: status, headers: headers, body: Self.fileBody(path: path, range: range))
        default:
            throw WebError.notFound
        }
    }

    /// The policy of every evidence's bytes.
    static let evidencePolicy = "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; object-src 'self'; "
        + "style-src 'unsafe-inline'; frame-ancestors 'self'"

    static func evidenceHeaders(type: EvidenceType, name: String, id: String, download: Bool) -> HTTPFields {
        var headers: HTTPFields = [:]
        headers[.contentType] = download ? "application/octet-stream" : type.contentType
        // The bytes never run in the hub's origin: a sandbox (no script, a unique origin) on every
        // evidence, PDFs included (Chromium shows them inline under it; see docs/HUB.md, "Evidence").
        headers[.contentSecurityPolicy] = Self.evidencePolicy
        headers[.xFrameOptions] = "SAMEORIGIN"
        headers[.crossOriginResourcePolicy] = "same-origin"
        let ext = (name as NSString).pathExtension.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        let safeName = id + (ext.isEmpty ? "" : "." + ext)
        let fullName = (name as NSString).lastPathComponent
        let encoded = fullName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? safeName
        headers[.contentDisposition] = (type.inline && !download ? "inline" : "attachment")
            + "; filename=\"\(safeName)\"; filename*=UTF-8''\(encoded)"
        return headers
    }

    /// `bytes=a-b`, `bytes=a-`, `bytes=-n` (one range), within `total`.
    static func byteRange(_ header: String, total: Int) -> Range<Int>? {
        guard header.hasPrefix("bytes="), !header.contains(","), total > 0 else { return nil }
        let spec = header.dropFirst(6).split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard spec.count == 2 else { return nil }
        let first = spec[0].trimmingCharacters(in: .whitespaces), last = spec[1].trimmingCharacters(in: .whitespaces)
        if first.isEmpty {
            guard let suffix = Int(last), suffix > 0 else { return nil }
            return max(0, total - suffix)..<total
        }
        guard let start = Int(first), start >= 0, start < total else { return nil }
        if last.isEmpty { return start..<total }
        guard let end = Int(last), end >= start else { return nil }
        return start..<min(end + 1, total)
    }

    /// A file's bytes in `range`, streamed in chunks.
    static func fileBody(path: String, range: Range<Int>) -> ResponseBody {
        ResponseBody(contentLength: range.count) { writer in
            guard let handle = FileHandle(forReadingAtPath: path) else { throw WebError.notFound }
            defer { try? handle.close() }
            try handle.seek(toOffset: UInt64(range.lowerBound))
            var left = range.count
            while left > 0 {
                let chunk = try handle.read(upToCount: min(left, 256 * 1024)) ?? Data()
                guard !chunk.isEmpty else { break }
                left -= chunk.count
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
    }

    /// Runs blocking work (a network transfer) on a thread of its own.
    static func onOwnThread(_ work: @escaping @Sendable () throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            Thread {
                do {
                    try work()
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
    }

    /// The first bytes of a file (to check its type).
    static func head(of path: String) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: 64 * 1024)) ?? Data())
    }

    /// The Markdown of an evidence or a narrative as safe HTML (headings from h3: the page has its h1 and an h2).
    static func markdownHTML(_ markdown: String) -> String { SafeMarkdown.html(markdown, firstHeading: 3) }
}
