internal import AsyncHTTPClient
public import DossierCore
public import DossierRepository
public import Foundation
internal import NIOCore
internal import NIOPosix

/// The command line's `DocumentFetcher` (`dossier verify` reading an issuer's published documents):
/// one HTTP(S) GET at a time over AsyncHTTPClient, no cookies, no cache, at most 16 MB, a 200
/// answer only, a time-out of `timeout` seconds for the whole exchange. Failures are
/// `BadgeError.download` in the user's words, never the library's message.
public struct HTTPDocumentFetcher: DocumentFetcher {
    public static let maximumBytes = 16 << 20
    public var timeout: TimeInterval
    public let lang: Lang

    public init(lang: Lang, timeout: TimeInterval = 30) {
        self.lang = lang
        self.timeout = timeout
    }

    public func fetch(_ url: String) throws -> [UInt8] {
        guard let address = URL(string: url), let scheme = address.scheme?.lowercased(), ["http", "https"].contains(scheme) else {
            throw BadgeError.download(url: url, detail: lang.pick(fr: "adresse non prise en charge (http ou https)",
                                                                  en: "unsupported address (http or https)"))
        }
        let client = HTTPClient(eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton),
                                configuration: .init(redirectConfiguration: .follow(max: 5, allowCycles: false)))
        defer { try? client.syncShutdown() }
        let response: HTTPClient.Response
        do {
            var request = try HTTPClient.Request(url: address.absoluteString, method: .GET)
            request.headers.add(name: "Accept", value: "application/ld+json, application/json, text/plain, */*")
            let accumulator = ResponseAccumulator(request: request, maxBodySize: Self.maximumBytes)
            response = try client.execute(request: request, delegate: accumulator,
                                          deadline: .now() + .milliseconds(Int64(timeout * 1000))).wait()
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            throw BadgeError.download(url: url, detail: lang.pick(fr: "pas de réponse", en: "no answer"))
        } catch let error as ResponseAccumulator.ResponseTooBigError {
            _ = error
            throw BadgeError.download(url: url, detail: lang.pick(fr: "document trop gros", en: "document too large"))
        } catch {
            throw BadgeError.download(url: url, detail: describe(error))
        }
        guard response.status == .ok else { throw BadgeError.download(url: url, detail: "HTTP \(response.status.code)") }
        return response.body.map { Array($0.readableBytesView) } ?? []
    }

    /// A transfer failure in the user's words.
    func describe(_ error: any Error) -> String {
        switch MediaHTTPClient.kind(of: error) {
        case .refused: lang.pick(fr: "connexion refusée", en: "connection refused")
        case .unknownHost: lang.pick(fr: "serveur inconnu", en: "unknown host")
        case .timedOut: lang.pick(fr: "pas de réponse", en: "no answer")
        case .noNetwork: lang.pick(fr: "pas de réseau", en: "no network")
        case .insecure: lang.pick(fr: "connexion sécurisée impossible (certificat)", en: "secure connection failed (certificate)")
        case .interrupted: lang.pick(fr: "erreur réseau", en: "network error")
        }
    }
}
