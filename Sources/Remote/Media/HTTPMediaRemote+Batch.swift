public import DossierCore
public import Foundation
internal import NIOHTTP1

/// The JSON of the git-lfs batch API (basic transfer adapter).
enum LFSBatch {
    static let mediaType = "application/vnd.git-lfs+json"
    /// Objects per batch request, as git-lfs sends them.
    static let maximumObjects = 100

    struct Request: Encodable {
        let operation: String
        let transfers = ["basic"]
        let objects: [Object]
    }

    struct Object: Codable {
        let oid: String
        let size: Int
    }

    struct Response: Decodable {
        let transfer: String?
        let objects: [Answer]
    }

    /// The server's answer for one object: actions to take, or an error.
    struct Answer: Decodable {
        let oid: String
        let size: Int?
        let actions: [String: Action]?
        let error: ObjectError?
    }

    struct Action: Decodable {
        let href: String
        let header: [String: String]?
    }

    struct ObjectError: Decodable {
        let code: Int
        let message: String?
    }

    /// An error body (`{"message": …}`), as LFS servers send with a failing status.
    struct ErrorBody: Decodable {
        let message: String?
    }
}

extension HTTPMediaRemote {
    enum Operation: String {
        case upload, download
    }

    /// Asks the server what to do with `pointers`, 100 at a time; answers by oid. A download
    /// batch refused with an LFS 404 means none of its objects exist (giftless answers so).
    func batch(_ operation: Operation, _ pointers: [LFSPointer], client: MediaHTTPClient) throws -> [String: LFSBatch.Answer] {
        var answers: [String: LFSBatch.Answer] = [:]
        for start in stride(from: 0, to: pointers.count, by: LFSBatch.maximumObjects) {
            let slice = pointers[start..<min(start + LFSBatch.maximumObjects, pointers.count)]
            let request = LFSBatch.Request(operation: operation.rawValue,
                                           objects: slice.map { LFSBatch.Object(oid: $0.oid, size: $0.size) })
            var urlRequest = MediaHTTPRequest(url: base.appendingPathComponent("objects").appendingPathComponent("batch"))
            urlRequest.httpMethod = "POST"
            urlRequest.setValue(LFSBatch.mediaType, forHTTPHeaderField: "Accept")
            urlRequest.setValue(LFSBatch.mediaType, forHTTPHeaderField: "Content-Type")
            if let credential { urlRequest.setValue(credential.authorization, forHTTPHeaderField: "Authorization") }
            let response = try exchange(urlRequest, body: .data(try JSONEncoder().encode(request)), client: client)
            if operation == .download, response.status == 404, response.contentType.contains("git-lfs") { continue }
            guard response.isSuccess else { throw failure(response) }
            guard let decoded = try? JSONDecoder().decode(LFSBatch.Response.self, from: response.body) else {
                throw MediaTransferError.server(url: displayURL, status: response.status,
                                                message: lang.pick(fr: "réponse illisible", en: "unreadable answer"))
            }
            for answer in decoded.objects { answers[answer.oid] = answer }
        }
        return answers
    }

    /// A request for an action's `href`, with the action's headers; credentials are added only
    /// when the action brings none and goes to the endpoint's own server.
    func actionRequest(_ action: LFSBatch.Action, method: String) throws -> MediaHTTPRequest {
        guard let url = URL(string: action.href), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw MediaTransferError.server(url: displayURL, status: 200,
                                            message: lang.pick(fr: "adresse de transfert invalide", en: "invalid transfer address"))
        }
        var request = MediaHTTPRequest(url: url)
        request.httpMethod = method
        let headers = action.header ?? [:]
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let hasAuthorization = headers.keys.contains { $0.lowercased() == "authorization" }
        if !hasAuthorization, let credential, url.scheme?.lowercased() == base.scheme?.lowercased(),
           url.host?.lowercased() == base.host?.lowercased(), url.port == base.port {
            request.setValue(credential.authorization, forHTTPHeaderField: "Authorization")
        }
        return request
    }

    /// One exchange; transport failures become `MediaTransferError.connection`, a sink's error
    /// is rethrown as is.
    func exchange(_ request: MediaHTTPRequest, body: MediaRequestBody = .none, client: MediaHTTPClient,
                  sink: ((UnsafeRawBufferPointer) throws -> Void)? = nil,
                  progress: ((Int64, Int64) -> Void)? = nil) throws -> MediaHTTPResponse {
        do {
            return try client.perform(request, body: body, sink: sink, progress: progress)
        } catch MediaHTTPFailure.sink(let error) {
            throw error
        } catch MediaHTTPFailure.timedOut {
            throw MediaTransferError.connection(url: displayURL, detail: timeoutDetail)
        } catch MediaHTTPFailure.transport(let error) {
            throw MediaTransferError.connection(url: displayURL, detail: connectionDetail(error))
        }
    }

    /// The error for a failing HTTP status.
    func failure(_ response: MediaHTTPResponse) -> MediaTransferError {
        failure(status: response.status, message: Self.message(from: response))
    }

    func failure(status: Int, message: String) -> MediaTransferError {
        switch status {
        case 401, 403: .unauthorized(url: displayURL)
        case 413: .tooLarge(url: displayURL)
        default: .server(url: displayURL, status: status, message: message)
        }
    }

    /// The server's explanation, on one line: the JSON `message`, else a short plain-text body.
    static func message(from response: MediaHTTPResponse) -> String {
        var text = ""
        if let body = try? JSONDecoder().decode(LFSBatch.ErrorBody.self, from: response.body), let message = body.message {
            text = message
        } else if response.contentType.hasPrefix("text/plain"), response.body.count <= 1000 {
            text = String(decoding: response.body, as: UTF8.self)
        }
        if text.isEmpty { text = HTTPResponseStatus(statusCode: response.status).reasonPhrase }
        let line = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        return line.count > 200 ? String(line.prefix(200)) + "…" : line
    }

    var timeoutDetail: String {
        let seconds = Int(options.timeout.rounded())
        return lang.pick(fr: "aucune réponse depuis \(seconds) s", en: "no answer for \(seconds) s")
    }

    func connectionDetail(_ error: Error) -> String {
        let interrupted = lang.pick(fr: "connexion interrompue en cours de transfert", en: "connection interrupted during the transfer")
        switch MediaHTTPClient.kind(of: error) {
        case .refused: return lang.pick(fr: "connexion refusée", en: "connection refused")
        case .unknownHost: return lang.pick(fr: "serveur introuvable", en: "unknown server")
        case .noNetwork: return lang.pick(fr: "pas de réseau", en: "no network")
        case .timedOut: return timeoutDetail
        case .insecure: return lang.pick(fr: "connexion sécurisée impossible", en: "secure connection failed")
        case .interrupted: return interrupted
        }
    }
}
