internal import DossierRepository
internal import Foundation
#if canImport(FoundationNetworking)
internal import FoundationNetworking
#endif

/// The command line's `DocumentFetcher`: one HTTP(S) GET at a time (URLSession), no cookies, no
/// cache, at most 16 MB, a 200 answer only; a time-out of `timeout` seconds for the whole exchange.
struct HTTPDocumentFetcher: DocumentFetcher {
    static let maximumBytes = 16 << 20
    var timeout: TimeInterval = 30

    func fetch(_ url: String) throws -> [UInt8] {
        guard let address = URL(string: url), let scheme = address.scheme?.lowercased(), ["http", "https"].contains(scheme) else {
            throw BadgeError.download(url: url, detail: L10n.t("adresse non prise en charge (http ou https)", "unsupported address (http or https)"))
        }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.httpShouldSetCookies = false
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        var request = URLRequest(url: address)
        request.setValue("application/ld+json, application/json, text/plain, */*", forHTTPHeaderField: "Accept")
        let result = Exchange()
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            result.set(data: data, status: (response as? HTTPURLResponse)?.statusCode, error: error)
            done.signal()
        }
        task.resume()
        if done.wait(timeout: .now() + timeout + 5) == .timedOut {
            task.cancel()
            throw BadgeError.download(url: url, detail: L10n.t("pas de réponse", "no answer"))
        }
        let (data, status, error) = result.get()
        if let error { throw BadgeError.download(url: url, detail: Self.describe(error)) }
        guard status == 200, let data else {
            throw BadgeError.download(url: url, detail: "HTTP \(status.map(String.init) ?? "?")")
        }
        guard data.count <= Self.maximumBytes else { throw BadgeError.download(url: url, detail: L10n.t("document trop gros", "document too large")) }
        return Array(data)
    }

    /// A transfer failure in the user's words (never the library's message).
    static func describe(_ error: any Error) -> String {
        switch (error as? URLError)?.code {
        case .cannotConnectToHost?: L10n.t("connexion refusée", "connection refused")
        case .cannotFindHost?, .dnsLookupFailed?: L10n.t("serveur inconnu", "unknown host")
        case .timedOut?: L10n.t("pas de réponse", "no answer")
        case .notConnectedToInternet?, .networkConnectionLost?: L10n.t("pas de réseau", "no network")
        case .secureConnectionFailed?, .serverCertificateUntrusted?, .serverCertificateHasBadDate?, .serverCertificateNotYetValid?,
             .serverCertificateHasUnknownRoot?:
            L10n.t("connexion sécurisée impossible (certificat)", "secure connection failed (certificate)")
        default: L10n.t("erreur réseau", "network error")
        }
    }

    /// What the completion handler saw, handed to the waiting thread.
    private final class Exchange: @unchecked Sendable {
        private let lock = NSLock()
        private var data: Data?
        private var status: Int?
        private var error: (any Error)?

        func set(data: Data?, status: Int?, error: (any Error)?) {
            lock.withLock { (self.data, self.status, self.error) = (data, status, error) }
        }

        func get() -> (Data?, Int?, (any Error)?) { lock.withLock { (data, status, error) } }
    }
}
