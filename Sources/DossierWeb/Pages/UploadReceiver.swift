import DossierCore
import Foundation
import Hummingbird
import WebLayer

/// Receives an upload form (`multipart/form-data`) as it arrives: plain fields kept in memory (small,
/// bounded), each file streamed to a temporary file under `.git/dossier/uploads/` and hashed on the
/// way, never held whole. The form's token must come before any file (no byte of a forged form is
/// written); `beforeFiles` checks the other fields (the fingerprint, the criterion) at the same point.
/// On any failure — a refused name, a body cut in the middle — the temporary folder is removed.
struct UploadReceiver {
    /// The fields and the files received; the caller moves the files away, then calls `discard`.
    struct Received {
        var fields: [String: String] = [:]
        var files: [DossierEditor.ReceivedFile] = []
        let folder: String

        func discard() { try? FileManager.default.removeItem(atPath: folder) }
    }

    /// Where temporary folders are made (`.git/dossier/uploads`).
    let parent: String
    let csrf: String
    let maxFileBytes: Int64
    static let maxFieldBytes = 256 * 1024
    static let writeChunk = 1 << 20

    func receive(_ request: Request, beforeFiles: @escaping ([String: String]) throws -> Void) async throws -> Received {
        guard var parser = UploadMultipart(contentType: request.headers[.contentType] ?? "") else { throw WebError.badForm("Content-Type") }
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let folder = parent + "/" + Tokens.random().prefix(24).filter { $0.isLetter || $0.isNumber }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        var state = State(folder: folder, csrf: csrf, maxFileBytes: maxFileBytes, beforeFiles: beforeFiles)
        do {
            for try await buffer in request.body {
                try buffer.withUnsafeReadableBytes { bytes in
                    try parser.feed(bytes) { event in try state.handle(event) }
                }
            }
            do { try parser.finish() } catch { throw UploadError.incomplete }
            try state.checkToken()
            return Received(fields: state.fields, files: state.files, folder: folder)
        } catch {
            state.closeFile()
            try? FileManager.default.removeItem(atPath: folder)
            if error is UploadMultipart.Failure { throw UploadError.incomplete }
            throw error
        }
    }

    /// The parse's progress: the current part, the fields so far, the files written.
    private struct State {
        let folder: String
        let csrf: String
        let maxFileBytes: Int64
        let beforeFiles: ([String: String]) throws -> Void
        var fields: [String: String] = [:]
        var files: [DossierEditor.ReceivedFile] = []
        var checkedFields = false
        // The current part.
        var fieldName: String?
        var fieldBytes: [UInt8] = []
        var file: OpenFile?
        var skipping = false

        init(folder: String, csrf: String, maxFileBytes: Int64, beforeFiles: @escaping ([String: String]) throws -> Void) {
            self.folder = folder
            self.csrf = csrf
            self.maxFileBytes = maxFileBytes
            self.beforeFiles = beforeFiles
        }

        mutating func handle(_ event: UploadMultipart.Event) throws {
            switch event {
            case .begin(let part):
                guard let name = part.name, !name.isEmpty else { throw WebError.badForm("name") }
                if let filename = part.filename {
                    // A file input left empty is sent as a part with an empty name and no content.
                    if filename.isEmpty, !part.filenameNotUTF8 { skipping = true; return }
                    if !checkedFields {
                        try checkToken()
                        try beforeFiles(fields)
                        checkedFields = true
                    }
                    if let problem = UploadError.problem(filename, notUTF8: part.filenameNotUTF8) {
                        throw UploadError.forbiddenName(filename, problem)
                    }
                    file = try OpenFile(path: folder + "/part-\(files.count + 1)", name: filename)
                } else {
                    guard !checkedFields else { throw UploadError.fieldsAfterFiles }
                    guard fields[name] == nil else { throw WebError.badForm(name) }
                    fieldName = name
                    fieldBytes = []
                }
            case .bytes(let bytes):
                if skipping { return }
                if file != nil {
                    try file!.write(bytes)
                    if Int64(file!.size) > maxFileBytes { throw UploadError.tooLarge(file!.name, limit: maxFileBytes) }
                } else {
                    guard fieldBytes.count + bytes.count <= UploadReceiver.maxFieldBytes else { throw WebError.badForm(fieldName ?? "") }
                    fieldBytes.append(contentsOf: bytes)
                }
            case .end:
                if skipping { skipping = false; return }
                if var open = file {
                    file = nil
                    let digest = try open.close()
                    files.append(DossierEditor.ReceivedFile(path: open.path, name: open.name, digest: digest))
                } else if let name = fieldName {
                    guard let text = String(validating: fieldBytes, as: UTF8.self) else { throw WebError.badForm(name) }
                    // Browsers send line breaks in fields as CRLF; the claim keeps LF.
                    fields[name] = text.replacingOccurrences(of: "\r\n", with: "\n")
                    fieldName = nil
                    fieldBytes = []
                }
            }
        }

        func checkToken() throws {
            guard let given = fields["csrf"], Tokens.same(given, csrf) else { throw WebError.csrf }
        }

        mutating func closeFile() {
            file?.abandon()
            file = nil
        }
    }

    /// A temporary file being written: a 1 MiB buffer, flushed while the previous bytes are hashed.
    private struct OpenFile {
        let path: String
        let name: String
        let descriptor: Int32
        let hasher = OverlappedSHA256()
        var buffer: [UInt8] = []
        var size = 0

        init(path: String, name: String) throws {
            self.path = path
            self.name = name
            descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            guard descriptor >= 0 else { throw DossierError.fromErrno(path) }
            buffer.reserveCapacity(UploadReceiver.writeChunk)
        }

        mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
            size += bytes.count
            if buffer.isEmpty, bytes.count >= UploadReceiver.writeChunk {
                try flush(bytes)
                return
            }
            buffer.append(contentsOf: bytes)
            if buffer.count >= UploadReceiver.writeChunk { try flushBuffer() }
        }

        private mutating func flushBuffer() throws {
            try buffer.withUnsafeBytes { try flush($0) }
            buffer.removeAll(keepingCapacity: true)
        }

        private func flush(_ chunk: UnsafeRawBufferPointer) throws {
            try hasher.update(chunk) {
                var offset = 0
                while offset < chunk.count {
                    let written = posixWrite(descriptor, chunk.baseAddress! + offset, chunk.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw DossierError.fromErrno(path)
                    }
                    offset += written
                }
            }
        }

        mutating func close() throws -> FileDigest {
            do {
                if !buffer.isEmpty { try flushBuffer() }
            } catch {
                abandon()
                throw error
            }
            guard posixClose(descriptor) == 0 else { throw DossierError.fromErrno(path) }
            return FileDigest(sha256: hasher.finalize(), size: size)
        }

        func abandon() {
            _ = posixClose(descriptor)
            unlink(path)
        }
    }
}

/// The system calls, under names the file type's own methods do not shadow.
private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(descriptor, bytes, count) }
private func posixClose(_ descriptor: Int32) -> Int32 { close(descriptor) }
