public import DossierCore
public import DossierRepository
public import Foundation

/// The git-lfs batch API over HTTP(S) (basic transfer adapter), with the same token as git.
///
/// `endpoint` is the LFS URL (`<remote>.git/info/lfs`, or `lfs.url`): requests go to
/// `<endpoint>/objects/batch`, then to the actions' addresses. Objects are streamed both ways:
/// uploads are read from the store's files, downloads written through `MediaStore.writer()` and
/// kept only when they hash to their oid.
public struct HTTPMediaRemote: MediaRemote {
    public let endpoint: String
    public let options: RemoteOptions
    /// The language of the details the errors carry.
    public let lang: Lang
    /// The endpoint without user information or trailing slash.
    let base: URL
    /// The endpoint as messages show it (no password).
    let displayURL: String
    let credential: HTTPCredential?

    public init(endpoint: String, options: RemoteOptions, lang: Lang) throws {
        guard var components = URLComponents(string: endpoint),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              components.host.map({ !$0.isEmpty }) == true else {
            throw MediaTransferError.noEndpoint(url: endpoint)
        }
        credential = options.credentials.httpCredential(for: endpoint)
        components.user = nil
        components.password = nil
        while components.path.hasSuffix("/") { components.path.removeLast() }
        guard let url = components.url else { throw MediaTransferError.noEndpoint(url: endpoint) }
        self.endpoint = endpoint
        self.options = options
        self.lang = lang
        base = url
        displayURL = url.absoluteString
    }

    public func upload(_ pointers: [LFSPointer], from store: MediaStore, progress: MediaProgress?) throws -> [LFSPointer] {
        let pointers = Self.unique(pointers)
        guard !pointers.isEmpty else { return [] }
        let client = MediaHTTPClient(timeout: options.timeout)
        defer { client.close() }
        let answers = try batch(.upload, pointers, client: client)

        // What the server lacks: the objects it gives an upload action for.
        var sends: [(pointer: LFSPointer, upload: LFSBatch.Action, verify: LFSBatch.Action?)] = []
        for pointer in pointers {
            guard let answer = answers[pointer.oid] else { throw omitted(pointer) }
            if let error = answer.error { throw failure(status: error.code, message: error.message ?? "") }
            if let upload = answer.actions?["upload"] {
                sends.append((pointer, upload, answer.actions?["verify"]))
            }
        }
        // Nothing leaves unless it still hashes to its oid.
        for send in sends {
            guard FileManager.default.fileExists(atPath: store.path(send.pointer.oid)) else {
                throw MediaError.missing(send.pointer)
            }
            guard try store.verify(send.pointer) else {
                throw MediaTransferError.corruptObject(path: store.path(send.pointer.oid), oid: send.pointer.oid)
            }
        }

        var state = MediaProgressState(files: 0, totalFiles: sends.count, bytes: 0,
                                       totalBytes: sends.reduce(0) { $0 + $1.pointer.size }, isUpload: true)
        progress?(state)
        for send in sends {
            var request = try actionRequest(send.upload, method: "PUT")
            if request.value(forHTTPHeaderField: "Content-Type") == nil {
                request.setValue("application/octet-stream", forHTTPHeaderField: "Content-Type")
            }
            let done = state.bytes
            let response = try exchange(request, body: .file(URL(fileURLWithPath: store.path(send.pointer.oid))),
                                        client: client, progress: { sent, _ in
                state.bytes = done + Int(min(sent, Int64(send.pointer.size)))
                progress?(state)
            })
            guard response.isSuccess else { throw failure(response) }
            if let verify = send.verify {
                var request = try actionRequest(verify, method: "POST")
                request.setValue(LFSBatch.mediaType, forHTTPHeaderField: "Accept")
                request.setValue(LFSBatch.mediaType, forHTTPHeaderField: "Content-Type")
                let body = try JSONEncoder().encode(LFSBatch.Object(oid: send.pointer.oid, size: send.pointer.size))
                let response = try exchange(request, body: .data(body), client: client)
                guard response.isSuccess else { throw failure(response) }
            }
            state.files += 1
            state.bytes = done + send.pointer.size
            progress?(state)
        }
        return sends.map(\.pointer)
    }

    public func download(_ pointers: [LFSPointer], into store: MediaStore, progress: MediaProgress?) throws -> [LFSPointer] {
        let pointers = Self.unique(pointers)
        guard !pointers.isEmpty else { return [] }
        let client = MediaHTTPClient(timeout: options.timeout)
        defer { client.close() }
        let answers = try batch(.download, pointers, client: client)

        var absent: [LFSPointer] = []
        var fetches: [(pointer: LFSPointer, download: LFSBatch.Action)] = []
        for pointer in pointers {
            let answer = answers[pointer.oid]
            if let error = answer?.error, error.code != 404, error.code != 410 {
                throw failure(status: error.code, message: error.message ?? "")
            }
            if let download = answer?.actions?["download"], answer?.error == nil {
                fetches.append((pointer, download))
            } else {
                absent.append(pointer)
            }
        }

        var state = MediaProgressState(files: 0, totalFiles: fetches.count, bytes: 0,
                                       totalBytes: fetches.reduce(0) { $0 + $1.pointer.size }, isUpload: false)
        progress?(state)
        for fetch in fetches {
            let done = state.bytes
            try fetchObject(fetch.pointer, action: fetch.download, into: store, client: client) { received in
                state.bytes = done + Int(min(received, Int64(fetch.pointer.size)))
                progress?(state)
            }
            state.files += 1
            state.bytes = done + fetch.pointer.size
            progress?(state)
        }
        return absent
    }

    /// Streams one object into the store: it lands only complete and hashing to its oid;
    /// otherwise its temporary file is removed.
    private func fetchObject(_ pointer: LFSPointer, action: LFSBatch.Action, into store: MediaStore,
                             client: MediaHTTPClient, progress: @escaping (Int64) -> Void) throws {
        var request = try actionRequest(action, method: "GET")
        request.setValue("application/octet-stream", forHTTPHeaderField: "Accept")
        let writer = try store.writer()
        var finished = false
        defer { if !finished { writer.discard() } }
        let response = try exchange(request, client: client, sink: { bytes in
            // More bytes than the pointer's size cannot be the object: stop before filling the disk.
            guard writer.size + bytes.count <= pointer.size else { throw MediaTransferError.corruptDownload(oid: pointer.oid) }
            try writer.write(bytes)
        }, progress: { _, received in progress(received) })
        guard response.isSuccess else { throw failure(response) }
        finished = true
        do {
            _ = try writer.finish(expected: pointer)
        } catch MediaError.contentMismatch {
            throw MediaTransferError.corruptDownload(oid: pointer.oid)
        }
    }

    private func omitted(_ pointer: LFSPointer) -> MediaTransferError {
        .server(url: displayURL, status: 200,
                message: lang.pick(fr: "la réponse ne dit rien de \(pointer.oid.prefix(12))…",
                                           en: "the answer says nothing of \(pointer.oid.prefix(12))…"))
    }

    static func unique(_ pointers: [LFSPointer]) -> [LFSPointer] {
        var seen = Set<LFSPointer>()
        return pointers.filter { seen.insert($0).inserted }
    }
}
