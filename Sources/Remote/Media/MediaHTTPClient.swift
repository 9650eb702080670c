internal import AsyncHTTPClient
internal import Foundation
internal import NIOCore
internal import NIOHTTP1
internal import NIOPosix
internal import NIOSSL

/// One HTTP request of a media transfer (what `MediaHTTPClient.perform` sends).
struct MediaHTTPRequest {
    var url: URL
    var httpMethod = "GET"
    private(set) var headers: [(name: String, value: String)] = []

    init(url: URL) { self.url = url }

    /// Sets (or with nil removes) a header, whatever the case of its name.
    mutating func setValue(_ value: String?, forHTTPHeaderField name: String) {
        headers.removeAll { $0.name.lowercased() == name.lowercased() }
        if let value { headers.append((name, value)) }
    }

    func value(forHTTPHeaderField name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

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

/// Synchronous HTTP for media transfers, one exchange at a time, over AsyncHTTPClient (SwiftNIO).
/// Request bodies are streamed from files and 2xx response bodies are handed to a sink chunk by
/// chunk, the next chunk read from the socket only once the sink has taken the last one: an object
/// is never held in memory. The time-out counts seconds without any byte sent or received.
/// (It replaced URLSession, whose FoundationNetworking links libcurl and its twenty libraries into
/// every `dossier` process: `dossier --version` went from 12.3 to 8.7 ms without them.)
/// The client runs on an event loop of its own: the sink writes to disk there, and must not hold up
/// another event loop of the process (the web application's, in `dossier ui`).
final class MediaHTTPClient: @unchecked Sendable {
    /// Response bodies kept for error messages and JSON answers.
    static let maximumBody = 16 << 20
    /// Bytes read from a file per chunk of an upload.
    static let uploadChunk = 256 << 10

    let timeout: TimeInterval
    private let loop = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let client: HTTPClient

    init(timeout: TimeInterval) {
        self.timeout = timeout
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: 5, allowCycles: false),
            timeout: .init(connect: .milliseconds(Int64(max(timeout, 1) * 1000))))
        configuration.decompression = .disabled
        client = HTTPClient(eventLoopGroupProvider: .shared(loop), configuration: configuration)
    }

    /// Ends the client (its connections are closed) and its event loop.
    func close() {
        try? client.syncShutdown()
        try? loop.syncShutdownGracefully()
    }

    /// Runs one exchange to its end. A 2xx body goes to `sink` when given; `progress` is called
    /// about every 100 ms with the bytes sent and received so far, on the calling thread.
    func perform(_ request: MediaHTTPRequest, body: MediaRequestBody = .none,
                 sink: ((UnsafeRawBufferPointer) throws -> Void)? = nil,
                 progress: ((_ sent: Int64, _ received: Int64) -> Void)? = nil) throws -> MediaHTTPResponse {
        var headers = HTTPHeaders()
        for (name, value) in request.headers { headers.add(name: name, value: value) }
        let exchange = Exchange(sink: sink)
        let outgoing: HTTPClient.Request
        do {
            outgoing = try HTTPClient.Request(url: request.url.absoluteString, method: HTTPMethod(rawValue: request.httpMethod),
                                              headers: headers, body: try Self.body(body))
        } catch {
            throw MediaHTTPFailure.transport(error)
        }
        let task = client.execute(request: outgoing, delegate: exchange)
        let done = DispatchSemaphore(value: 0)
        task.futureResult.whenComplete { _ in done.signal() }

        var cancelledAt: DispatchTime?
        var reported: (Int64, Int64) = (-1, -1)
        while done.wait(timeout: .now() + .milliseconds(100)) == .timedOut {
            let (idle, sent, received) = exchange.locked {
                (Double(DispatchTime.now().uptimeNanoseconds - exchange.lastActivity.uptimeNanoseconds) / 1e9,
                 exchange.sent, exchange.received)
            }
            if let progress, (sent, received) != reported {
                reported = (sent, received)
                progress(sent, received)
            }
            if let cancelledAt {
                // A cancelled request ends promptly; do not wait for it forever all the same.
                if DispatchTime.now().uptimeNanoseconds - cancelledAt.uptimeNanoseconds > 5_000_000_000 { break }
            } else if idle >= timeout {
                exchange.locked { exchange.timedOut = true }
                cancelledAt = .now()
                task.cancel()
            }
        }

        let (sent, received) = exchange.locked { (exchange.sent, exchange.received) }
        progress?(sent, received)
        return try exchange.locked {
            if let error = exchange.sinkError { throw MediaHTTPFailure.sink(error) }
            if exchange.timedOut { throw MediaHTTPFailure.timedOut }
            if let error = exchange.error, exchange.status == nil || !exchange.finished { throw MediaHTTPFailure.transport(error) }
            guard let status = exchange.status else { throw MediaHTTPFailure.transport(HTTPClientError.remoteConnectionClosed) }
            return MediaHTTPResponse(status: status, contentType: exchange.contentType, body: exchange.body)
        }
    }

    /// The request body: a file is read chunk by chunk, each written once the previous one left.
    private static func body(_ body: MediaRequestBody) throws -> HTTPClient.Body? {
        switch body {
        case .none:
            return nil
        case .data(let data):
            return .bytes(data)
        case .file(let url):
            let handle = try FileHandle(forReadingFrom: url)
            let length = try handle.seekToEnd()
            try handle.seek(toOffset: 0)
            let source = UploadSource(handle: handle)
            return .stream(contentLength: Int64(length)) { writer in
                source.rewind()   // sent again from the start when a redirect asks for it again
                return source.send(to: writer)
            }
        }
    }
}

/// A file sent as a request body, one chunk after the other (the stream's closure runs once per attempt).
private final class UploadSource: @unchecked Sendable {
    let handle: FileHandle
    init(handle: FileHandle) { self.handle = handle }
    deinit { try? handle.close() }

    func rewind() { try? handle.seek(toOffset: 0) }

    func send(to writer: HTTPClient.Body.StreamWriter) -> EventLoopFuture<Void> {
        let chunk: Data
        do {
            chunk = try handle.read(upToCount: MediaHTTPClient.uploadChunk) ?? Data()
        } catch {
            return writer.write(.byteBuffer(ByteBuffer())).flatMapThrowing { throw error }
        }
        if chunk.isEmpty { return writer.write(.byteBuffer(ByteBuffer())) }
        return writer.write(.byteBuffer(ByteBuffer(bytes: chunk))).flatMap { self.send(to: writer) }
    }
}

extension MediaHTTPClient {
    /// What went wrong with a connection, from SwiftNIO's and AsyncHTTPClient's errors.
    enum FailureKind: Equatable { case refused, unknownHost, noNetwork, timedOut, insecure, interrupted }

    static func kind(of error: Error) -> FailureKind {
        switch error {
        case let error as NIOConnectionError:
            // Every address tried failed: by the first connection error, else the name did not resolve.
            if let failure = error.connectionErrors.first { return kind(of: failure.error) }
            return error.dnsAError != nil || error.dnsAAAAError != nil ? .unknownHost : .refused
        case let error as IOError:
            switch error.errnoCode {
            case ECONNREFUSED: return .refused
            case ENETUNREACH, EHOSTUNREACH, ENETDOWN: return .noNetwork
            case ETIMEDOUT: return .timedOut
            default: return .interrupted
            }
        case let error as HTTPClientError:
            switch error {
            case .connectTimeout, .readTimeout, .writeTimeout, .deadlineExceeded: return .timedOut
            default: return .interrupted
            }
        case ChannelError.connectTimeout: return .timedOut
        case is NIOSSLError, is BoringSSLError, is NIOSSLExtraError: return .insecure
        default:
            return error is SocketAddressError ? .unknownHost : .interrupted
        }
    }
}

/// The state of one exchange, filled by AsyncHTTPClient on its event loop and read by `perform`
/// under the lock (the sink runs on the event loop, one chunk at a time).
private final class Exchange: HTTPClientResponseDelegate, @unchecked Sendable {
    typealias Response = Void

    let sink: ((UnsafeRawBufferPointer) throws -> Void)?
    private let lock = NSLock()
    var status: Int?
    var contentType = ""
    var body = Data()
    var sent: Int64 = 0
    var received: Int64 = 0
    var lastActivity = DispatchTime.now()
    var timedOut = false
    var finished = false
    var sinkError: Error?
    var error: Error?

    init(sink: ((UnsafeRawBufferPointer) throws -> Void)?) { self.sink = sink }

    func locked<T>(_ body: () throws -> T) rethrows -> T { try lock.withLock(body) }

    func didSendRequestPart(task: HTTPClient.Task<Void>, _ part: IOData) {
        locked {
            sent += Int64(part.readableBytes)
            lastActivity = .now()
        }
    }

    func didReceiveHead(task: HTTPClient.Task<Void>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        locked {
            // A redirect's head is followed by the final one: the last head received is the answer.
            status = Int(head.status.code)
            contentType = head.headers.first(name: "Content-Type") ?? ""
            body = Data()
            lastActivity = .now()
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Void>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        let sink: ((UnsafeRawBufferPointer) throws -> Void)? = locked {
            received += Int64(buffer.readableBytes)
            lastActivity = .now()
            if let status, (200..<300).contains(status), self.sink != nil { return self.sink }
            let room = MediaHTTPClient.maximumBody - body.count
            if room > 0 { body.append(contentsOf: buffer.readableBytesView.prefix(room)) }
            return nil
        }
        guard let sink else { return task.eventLoop.makeSucceededVoidFuture() }
        do {
            try buffer.withUnsafeReadableBytes { try sink($0) }
            return task.eventLoop.makeSucceededVoidFuture()
        } catch {
            locked { sinkError = error }
            return task.eventLoop.makeFailedFuture(error)   // the request is cancelled
        }
    }

    func didReceiveError(task: HTTPClient.Task<Void>, _ error: Error) {
        locked { self.error = error }
    }

    func didFinishRequest(task: HTTPClient.Task<Void>) throws {
        locked { finished = true }
    }
}
