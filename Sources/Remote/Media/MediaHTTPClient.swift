internal import Foundation
#if canImport(FoundationNetworking)
internal import FoundationNetworking
#endif

/// What a request sends: nothing, a small body, or a file streamed from disk.
enum MediaRequestBody {
    case none
    case data(Data)
    case file(URL)
}

/// A finished HTTP exchange. `body` holds the response body (at most `MediaHTTPClient.maximumBody`
/// bytes) unless a 2xx body went to the caller's sink.
struct MediaHTTPResponse {
    let status: Int
    let contentType: String
    let body: Data

    var isSuccess: Bool { (200..<300).contains(status) }
}

/// Why an exchange did not finish.
enum MediaHTTPFailure: Error {
    /// Nothing arrived nor left for the client's time-out.
    case timedOut
    /// The connection failed: refused, cut, unknown host…
    case transport(Error)
    /// The sink threw (a local write failed, or the content was refused): the transfer was cancelled.
    case sink(Error)
}

/// Synchronous HTTP over URLSession for media transfers, one exchange at a time. Request bodies
/// are streamed from files and 2xx response bodies are handed to a sink chunk by chunk, so an
/// object is never held in memory. The time-out counts seconds without any byte sent or received
/// (URLSession's own time-outs are set out of the way: on Linux they also cut long uploads).
final class MediaHTTPClient: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    /// Response bodies kept for error messages and JSON answers.
    static let maximumBody = 16 << 20
    private static let libraryTimeout: TimeInterval = 7 * 24 * 3600

    let timeout: TimeInterval
    private let queue = DelegateQueue(limit: 256)
    private var session: URLSession!
    private let lock = NSLock()
    private var exchanges: [Int: Exchange] = [:]

    init(timeout: TimeInterval) {
        self.timeout = timeout
        super.init()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = Self.libraryTimeout
        configuration.timeoutIntervalForResource = Self.libraryTimeout
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpShouldSetCookies = false
        session = URLSession(configuration: configuration, delegate: self, delegateQueue: queue)
    }

    /// Ends the session (it holds this client as its delegate until then).
    func close() {
        session.invalidateAndCancel()
    }

    /// Runs one exchange to its end. A 2xx body goes to `sink` when given; `progress` is called
    /// about every 100 ms with the bytes sent and received so far, on the calling thread.
    func perform(_ request: URLRequest, body: MediaRequestBody = .none,
                 sink: ((UnsafeRawBufferPointer) throws -> Void)? = nil,
                 progress: ((_ sent: Int64, _ received: Int64) -> Void)? = nil) throws -> MediaHTTPResponse {
        var request = request
        request.timeoutInterval = Self.libraryTimeout
        let task: URLSessionTask
        switch body {
        case .none:
            task = session.dataTask(with: request)
        case .data(let data):
            request.httpBody = data
            task = session.dataTask(with: request)
        case .file(let url):
            task = session.uploadTask(with: request, fromFile: url)
        }
        let exchange = Exchange(sink: sink)
        lock.withLock { exchanges[task.taskIdentifier] = exchange }
        defer { lock.withLock { exchanges[task.taskIdentifier] = nil } }
        task.resume()

        var cancelledAt: DispatchTime?
        var reported: (Int64, Int64) = (-1, -1)
        while exchange.done.wait(timeout: .now() + .milliseconds(100)) == .timedOut {
            let (idle, sent, received) = lock.withLock {
                (Double(DispatchTime.now().uptimeNanoseconds - exchange.lastActivity.uptimeNanoseconds) / 1e9,
                 exchange.sent, exchange.received)
            }
            if let progress, (sent, received) != reported {
                reported = (sent, received)
                progress(sent, received)
            }
            if let cancelledAt {
                // URLSession owes a completion after a cancel; do not wait for it forever.
                if DispatchTime.now().uptimeNanoseconds - cancelledAt.uptimeNanoseconds > 5_000_000_000 { break }
            } else if idle >= timeout {
                lock.withLock { exchange.timedOut = true }
                cancelledAt = .now()
                task.cancel()
            }
        }

        let (sent, received) = lock.withLock { (exchange.sent, exchange.received) }
        progress?(sent, received)
        return try lock.withLock {
            if let error = exchange.sinkError { throw MediaHTTPFailure.sink(error) }
            if exchange.timedOut { throw MediaHTTPFailure.timedOut }
            let status = exchange.status ?? (task.response as? HTTPURLResponse)?.statusCode ?? 0
            if let error = exchange.error, status != 401 { throw MediaHTTPFailure.transport(error) }
            let contentType = exchange.contentType
                ?? (task.response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type") ?? ""
            return MediaHTTPResponse(status: status, contentType: contentType, body: exchange.body)
        }
    }

    private func exchange(_ task: URLSessionTask) -> Exchange? {
        lock.withLock { exchanges[task.taskIdentifier] }
    }

    // MARK: URLSessionDataDelegate

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        let http = response as? HTTPURLResponse
        if let exchange = exchange(dataTask) {
            lock.withLock {
                exchange.status = http?.statusCode
                exchange.contentType = http?.value(forHTTPHeaderField: "Content-Type") ?? ""
                exchange.answered()
            }
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let exchange = exchange(dataTask) else { return }
        let sink: ((UnsafeRawBufferPointer) throws -> Void)? = lock.withLock {
            if exchange.sinkError != nil { return nil }
            exchange.received += Int64(data.count)
            exchange.answered()
            let status = exchange.status ?? (dataTask.response as? HTTPURLResponse)?.statusCode ?? 0
            if (200..<300).contains(status), exchange.sink != nil { return exchange.sink }
            let room = Self.maximumBody - exchange.body.count
            if room > 0 { exchange.body.append(data.prefix(room)) }
            return nil
        }
        guard let sink else { return }
        do {
            try data.withUnsafeBytes { try sink($0) }
        } catch {
            lock.withLock { exchange.sinkError = error }
            // Not from here: URLSession's queue may be waiting for this one (see DelegateQueue).
            DispatchQueue.global().async { dataTask.cancel() }
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didSendBodyData bytesSent: Int64,
                    totalBytesSent: Int64, totalBytesExpectedToSend: Int64) {
        guard let exchange = exchange(task) else { return }
        lock.withLock {
            exchange.sent = totalBytesSent
            exchange.answered()
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        guard let exchange = exchange(task) else { return }
        lock.withLock { exchange.error = error }
        exchange.done.signal()
    }

    /// Credentials go in the `Authorization` header; a 401 is an answer for the caller, not a
    /// question for URLSession (FoundationNetworking asks here on a 401 with `WWW-Authenticate`,
    /// and waits forever when told to handle it by default without a stored credential). The
    /// status was recorded as the response arrived; `perform` returns it.
    func urlSession(_ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
                    completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {
        completionHandler(.cancelAuthenticationChallenge, nil)
    }
}

/// The state of one exchange (guarded by the client's lock, but for `sink` calls, which run on
/// the serial delegate queue).
private final class Exchange {
    let sink: ((UnsafeRawBufferPointer) throws -> Void)?
    let done = DispatchSemaphore(value: 0)
    var status: Int?
    var contentType: String?
    var body = Data()
    var sent: Int64 = 0
    var received: Int64 = 0
    var lastActivity = DispatchTime.now()
    var timedOut = false
    var sinkError: Error?
    var error: Error?

    init(sink: ((UnsafeRawBufferPointer) throws -> Void)?) { self.sink = sink }

    func answered() { lastActivity = .now() }
}

/// The delegate queue. FoundationNetworking (Linux) hands every chunk it receives to the delegate
/// queue as an operation, without waiting for the delegate; servers that stream in small pieces
/// (giftless sends ~250-byte chunks) make hundreds of thousands of them, and OperationQueue then
/// keeps memory in proportion to the object (200 MB grew the process by ~230 MB). So the blocks
/// run in order on a serial dispatch queue instead, and once `limit` are pending, adding one
/// blocks the caller — URLSession's internal queue, which drives the socket — until the delegate
/// has caught up: the socket is read only as fast as the store is written.
final class DelegateQueue: OperationQueue, @unchecked Sendable {
    private let serial = DispatchQueue(label: "dossier.media.http.delegate")
    private let key = DispatchSpecificKey<Bool>()
    private let slots: DispatchSemaphore

    init(limit: Int) {
        slots = DispatchSemaphore(value: limit)
        super.init()
        serial.setSpecific(key: key, value: true)
    }

    override func addOperation(_ block: @escaping @Sendable () -> Void) {
        // Never wait on the serial queue itself: it is the one that frees the slots.
        if DispatchQueue.getSpecific(key: key) == true {
            serial.async(execute: block)
            return
        }
        slots.wait()
        let slots = slots
        serial.async {
            block()
            slots.signal()
        }
    }

    override func addOperation(_ operation: Operation) {
        addOperation { operation.start() }
    }
}
