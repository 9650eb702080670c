import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

/// Why the system refused to read or write a file, as the user can act on it (free space, plug
/// the disk back, check the rights), never the system's own English text.
public enum FileProblem: Equatable, Sendable, Codable {
    case noSpace
    case readOnly
    case permissionDenied
    case nameTooLong
    case inputOutput
    /// Any other system error, by its number.
    case other(Int32)

    /// The problem an `errno` value names.
    public init(errno code: Int32) {
        switch code {
        case ENOSPC, EDQUOT, EFBIG: self = .noSpace
        case EROFS: self = .readOnly
        case EACCES, EPERM: self = .permissionDenied
        case ENAMETOOLONG: self = .nameTooLong
        case EIO: self = .inputOutput
        default: self = .other(code)
        }
    }

    /// The problem behind an error Foundation threw (`NSCocoaErrorDomain` codes, or the POSIX
    /// error underneath); nil when it is not a file system error.
    public init?(_ error: Error) {
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain {
            self.init(errno: Int32(error.code))
            return
        }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            self.init(errno: Int32(underlying.code))
            return
        }
        guard error.domain == NSCocoaErrorDomain else { return nil }
        switch CocoaError.Code(rawValue: error.code) {
        case .fileWriteOutOfSpace: self = .noSpace
        case .fileWriteVolumeReadOnly: self = .readOnly
        case .fileWriteNoPermission, .fileReadNoPermission: self = .permissionDenied
        case .fileWriteInvalidFileName, .fileReadInvalidFileName: self = .nameTooLong
        case .fileReadUnknown, .fileWriteUnknown, .fileReadCorruptFile: self = .inputOutput
        default: return nil
        }
    }

    /// An `errno` value standing for the problem.
    public var code: Int32 {
        switch self {
        case .noSpace: ENOSPC
        case .readOnly: EROFS
        case .permissionDenied: EACCES
        case .nameTooLong: ENAMETOOLONG
        case .inputOutput: EIO
        case .other(let code): code
        }
    }

    func text(_ lang: Lang, path: String) -> String {
        // Through libgit2 the file is not known: the problem alone.
        guard !path.isEmpty else {
            return switch self {
            case .noSpace: lang.pick(fr: "plus de place sur le disque : libérez de la place, puis recommencez",
                                     en: "no space left on the disk: free some space, then try again")
            case .readOnly: lang.pick(fr: "le disque est en lecture seule", en: "the disk is read-only")
            case .permissionDenied: lang.pick(fr: "accès refusé : vérifiez les droits sur le dossier", en: "permission denied: check the rights on the dossier")
            case .nameTooLong: lang.pick(fr: "un nom de fichier est trop long pour le disque", en: "a file name is too long for the disk")
            case .inputOutput: lang.pick(fr: "le disque ne répond pas correctement : vérifiez-le", en: "the disk failed: check it")
            case .other(let code): lang.pick(fr: "erreur système \(code)", en: "system error \(code)")
            }
        }
        return switch self {
        case .noSpace:
            lang.pick(fr: "plus de place sur le disque pour écrire \(path) : libérez de la place, puis recommencez",
                      en: "no space left on the disk to write \(path): free some space, then try again")
        case .readOnly:
            lang.pick(fr: "le disque est en lecture seule : impossible d'écrire \(path)",
                      en: "the disk is read-only: cannot write \(path)")
        case .permissionDenied:
            lang.pick(fr: "accès refusé à \(path) : vérifiez les droits sur ce fichier et son dossier",
                      en: "permission denied for \(path): check the rights on this file and its folder")
        case .nameTooLong:
            lang.pick(fr: "nom de fichier trop long pour le disque : \(path) (raccourcissez-le)",
                      en: "file name too long for the disk: \(path) (shorten it)")
        case .inputOutput:
            lang.pick(fr: "le disque ne répond pas correctement en écrivant \(path) : vérifiez-le (clé ou disque débranché ?)",
                      en: "the disk failed while writing \(path): check it (a key or disk unplugged?)")
        case .other(let code):
            lang.pick(fr: "impossible d'écrire \(path) (erreur système \(code))",
                      en: "cannot write \(path) (system error \(code))")
        }
    }
}

extension DossierError {
    /// A file system failure on `path`: `error` mapped to a `FileProblem` when it is one, else
    /// `fallback` (e.g. the error already being a `DossierError`).
    public static func fileSystem(_ error: Error, path: String) -> Error {
        if error is DossierError || error is DossierErrors { return error }
        guard let problem = FileProblem(error) else { return DossierError(.io("\(path): \((error as NSError).code)")) }
        return DossierError(.fileSystem(problem, path: path))
    }

    /// The failure of the last system call on `path`, from `errno`.
    public static func fromErrno(_ path: String, code: Int32 = errno) -> DossierError {
        DossierError(.fileSystem(FileProblem(errno: code), path: path))
    }
}
