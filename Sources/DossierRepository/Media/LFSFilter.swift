import DossierCore
import Foundation
import Git
#if canImport(Glibc)
internal import Glibc
#endif

/// The git-lfs filter, as libgit2 applies it to the paths `.gitattributes` marks `filter=lfs`:
/// clean stores the content in the media store and puts a pointer in git; smudge writes the
/// object's content into the working folder, or leaves the pointer when the object is not here
/// (a dossier cloned with `--no-media`). Both stream in chunks.
public final class LFSFilter: ContentFilter, @unchecked Sendable {
    public static let shared = LFSFilter()

    /// Registers the filter with libgit2 (once per process).
    public static func register() {
        do {
            try ContentFilters.register(shared, name: "lfs", attributes: "filter=lfs")
        } catch {
            FileHandle.standardError.write(Data("dossier: cannot register the media filter: \(error)\n".utf8))
        }
    }

    public func stream(path: String, direction: FilterDirection, gitDirectory: String, output: FilterOutput) throws -> FilterStream? {
        let store = MediaStore(gitDirectory: gitDirectory)
        switch direction {
        case .clean: return CleanStream(store: store, output: output)
        case .smudge: return SmudgeStream(store: store, output: output)
        }
    }
}

/// Content → pointer. Small input that already is a pointer (media not downloaded) passes as is.
private final class CleanStream: FilterStream {
    let store: MediaStore
    let output: FilterOutput
    var head: [UInt8] = []
    var writer: MediaObjectWriter?

    init(store: MediaStore, output: FilterOutput) {
        self.store = store
        self.output = output
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        if let writer { return try writer.write(bytes) }
        head.append(contentsOf: bytes)
        guard head.count > LFSPointer.maximumSize else { return }
        let writer = try store.writer()
        try head.withUnsafeBytes { try writer.write($0) }
        head = []
        self.writer = writer
    }

    func finish() throws {
        if writer == nil, LFSPointer.parse(head) != nil { return try output.write(head) }
        let writer = try self.writer ?? store.writer()
        if self.writer == nil { try head.withUnsafeBytes { try writer.write($0) } }
        let pointer = try writer.finish()
        try output.write(Array(pointer.text.utf8))
    }
}

/// Pointer → content, from the media store; anything that is not a pointer passes unchanged.
private final class SmudgeStream: FilterStream {
    let store: MediaStore
    let output: FilterOutput
    var buffer: [UInt8] = []
    var passing = false

    init(store: MediaStore, output: FilterOutput) {
        self.store = store
        self.output = output
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        if passing { return try output.write(bytes) }
        buffer.append(contentsOf: bytes)
        if buffer.count > LFSPointer.maximumSize {
            passing = true
            try output.write(buffer)
            buffer = []
        }
    }

    func finish() throws {
        guard !passing else { return }
        guard let pointer = LFSPointer.parse(buffer), store.contains(pointer) else { return try output.write(buffer) }
        let descriptor = open(store.path(pointer.oid), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return try output.write(buffer) }
        defer { close(descriptor) }
        try MediaIO.pump(from: descriptor) { try output.write($0) }
    }
}
