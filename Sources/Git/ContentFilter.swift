internal import Clibgit2
import Foundation

/// Which way a filter converts: into the repository (clean, on add and status) or into the
/// working folder (smudge, on checkout).
public enum FilterDirection: Sendable { case clean, smudge }

/// Where a filter writes its converted bytes: the next stream of libgit2's chain.
public final class FilterOutput {
    fileprivate let next: UnsafeMutablePointer<git_writestream>

    fileprivate init(_ next: UnsafeMutablePointer<git_writestream>) { self.next = next }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, bytes.count > 0, let write = next.pointee.write else { return }
        try check(write(next, base.assumingMemoryBound(to: CChar.self), bytes.count), "cannot write filtered content")
    }

    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }
}

/// One file going through a filter, in chunks. `finish` is called once all input was written;
/// the chain's next stream is closed after it.
public protocol FilterStream: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws
    func finish() throws
}

/// A content filter libgit2 applies to the paths whose `.gitattributes` name it (e.g.
/// `filter=lfs`), streaming: a file is never held whole in memory.
public protocol ContentFilter: AnyObject, Sendable {
    /// A stream converting one file, or nil to let it through unchanged.
    func stream(path: String, direction: FilterDirection, gitDirectory: String, output: FilterOutput) throws -> FilterStream?
}

/// The error a filter stream threw, kept for the libgit2 error message.
public struct FilterFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Registers content filters with libgit2 (once per process and name).
public enum ContentFilters {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var registered: [String: (filter: ContentFilter, raw: UnsafeMutablePointer<git_filter>)] = [:]

    /// The system error of the last filter failure on this thread, until `check` takes it.
    static func recordFailure(_ error: Error) {
        let code = (error as? SystemCallFailure)?.systemErrorCode
        Thread.current.threadDictionary[failureKey] = code.map { NSNumber(value: $0) }
    }

    static func takeFailureCode() -> Int32? {
        let dictionary = Thread.current.threadDictionary
        defer { dictionary.removeObject(forKey: failureKey) }
        return (dictionary[failureKey] as? NSNumber)?.int32Value
    }

    private static let failureKey = "dossier.filter.systemError"

    /// Registers `filter` under `name` for paths whose attributes match `attributes`
    /// (e.g. `filter=lfs`). Registering a name again keeps the first filter.
    public static func register(_ filter: ContentFilter, name: String, attributes: String) throws {
        Libgit2.ensureInitialised()
        try lock.withLock {
            guard registered[name] == nil else { return }
            let raw = UnsafeMutablePointer<git_filter>.allocate(capacity: 1)
            try check(git_filter_init(raw, UInt32(GIT_FILTER_VERSION)), "cannot prepare the \(name) filter")
            raw.pointee.attributes = UnsafePointer(strdup(attributes))
            raw.pointee.stream = { out, filter, _, source, next in
                ContentFilters.start(out, filter, source, next)
            }
            registered[name] = (filter, raw)
            try check(git_filter_register(name, raw, GIT_FILTER_DRIVER_PRIORITY), "cannot register the \(name) filter")
        }
    }

    private static func filter(for raw: UnsafeMutablePointer<git_filter>?) -> ContentFilter? {
        lock.withLock { registered.values.first { $0.raw == raw }?.filter }
    }

    /// libgit2's `stream` callback: builds a write stream around the Swift filter's stream.
    fileprivate static func start(_ out: UnsafeMutablePointer<UnsafeMutablePointer<git_writestream>?>?,
                                  _ raw: UnsafeMutablePointer<git_filter>?, _ source: OpaquePointer?,
                                  _ next: UnsafeMutablePointer<git_writestream>?) -> Int32 {
        guard let out, let next, let filter = filter(for: raw) else { return GIT_PASSTHROUGH.rawValue }
        let path = git_filter_source_path(source).map { String(cString: $0) } ?? ""
        let direction: FilterDirection = git_filter_source_mode(source) == GIT_FILTER_TO_ODB ? .clean : .smudge
        let gitDirectory = git_filter_source_repo(source).flatMap { git_repository_path($0) }.map { String(cString: $0) } ?? ""
        let stream: FilterStream?
        do {
            stream = try filter.stream(path: path, direction: direction, gitDirectory: gitDirectory, output: FilterOutput(next))
        } catch {
            ContentFilters.recordFailure(error)
            git_error_set_str(Int32(GIT_ERROR_FILTER.rawValue), "\(path): \(error)")
            return -1
        }
        guard let stream else { return GIT_PASSTHROUGH.rawValue }
        let writer = UnsafeMutablePointer<dossier_writestream>.allocate(capacity: 1)
        writer.initialize(to: dossier_writestream())
        writer.pointee.context = Unmanaged.passRetained(StreamBox(stream, path: path)).toOpaque()
        writer.pointee.next = next
        writer.pointee.parent.write = { stream, buffer, length in
            ContentFilters.box(stream).run { try $0.write(UnsafeRawBufferPointer(start: buffer, count: length)) }
        }
        writer.pointee.parent.close = { stream in
            let box = ContentFilters.box(stream)
            let result = box.run { try $0.finish() }
            guard result == 0, let next = ContentFilters.writer(stream).pointee.next, let close = next.pointee.close else { return result }
            return close(next)
        }
        writer.pointee.parent.free = { stream in
            let writer = ContentFilters.writer(stream)
            if let context = writer.pointee.context { Unmanaged<StreamBox>.fromOpaque(context).release() }
            writer.deinitialize(count: 1)
            writer.deallocate()
        }
        out.pointee = UnsafeMutableRawPointer(writer).assumingMemoryBound(to: git_writestream.self)
        return 0
    }

    private static func writer(_ stream: UnsafeMutablePointer<git_writestream>?) -> UnsafeMutablePointer<dossier_writestream> {
        UnsafeMutableRawPointer(stream!).assumingMemoryBound(to: dossier_writestream.self)
    }

    fileprivate static func box(_ stream: UnsafeMutablePointer<git_writestream>?) -> StreamBox {
        Unmanaged<StreamBox>.fromOpaque(writer(stream).pointee.context!).takeUnretainedValue()
    }
}

/// Keeps a Swift filter stream alive while libgit2 holds its C stream.
private final class StreamBox {
    let stream: FilterStream
    let path: String

    init(_ stream: FilterStream, path: String) {
        self.stream = stream
        self.path = path
    }

    /// Runs a stream call, turning a thrown error into a libgit2 error.
    func run(_ body: (FilterStream) throws -> Void) -> Int32 {
        do {
            try body(stream)
            return 0
        } catch {
            ContentFilters.recordFailure(error)
            git_error_set_str(Int32(GIT_ERROR_FILTER.rawValue), "\(path): \(error)")
            return -1
        }
    }
}
