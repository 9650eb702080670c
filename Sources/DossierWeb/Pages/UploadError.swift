import DossierCore
internal import HTTPTypes
import WebLayer

/// Why an upload was refused; in every case nothing was written (the temporary files are gone).
enum UploadError: Error, Equatable, Localized {
    /// Why a file name is refused.
    enum NameProblem: Equatable {
        case empty, path, control, hidden, tooLong, notUTF8
    }

    /// A file name a browser (or anything posing as one) sent, refused.
    case forbiddenName(String, NameProblem)
    /// The body stopped before its end, or does not follow the multipart syntax.
    case incomplete
    /// The form held no file.
    case noFile
    /// A file larger than the largest upload accepted.
    case tooLarge(String, limit: Int64)
    /// A file part came before the form's token, criterion and fingerprint.
    case fieldsAfterFiles

    /// A file name as a person can read it: control characters made visible.
    static func visible(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            if scalar.value < 0x20 { out.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value) ?? "?") }
            else if scalar.value == 0x7F { out += "\u{2421}" }
            else { out.unicodeScalars.append(scalar) }
        }
        return String(out.prefix(120))
    }

    func text(_ lang: Lang) -> String {
        switch self {
        case .forbiddenName(let name, let problem):
            let why: String = switch problem {
            case .empty: lang.t("il est vide", "it is empty")
            case .path: lang.t("il contient un chemin (« / », « \\ », « . » ou « .. »)", "it holds a path (“/”, “\\”, “.” or “..”)")
            case .control: lang.t("il contient des caractères de contrôle", "it holds control characters")
            case .hidden: lang.t("il commence par un point (fichier caché, comme .git)", "it starts with a dot (a hidden file, like .git)")
            case .tooLong: lang.t("il dépasse 255 octets", "it is longer than 255 bytes")
            case .notUTF8: lang.t("il n'est pas écrit en UTF-8", "it is not UTF-8")
            }
            return lang.t("Nom de fichier refusé : « \(Self.visible(name)) » — \(why). Renommez le fichier et recommencez ; rien n'a été écrit.",
                          "File name refused: “\(Self.visible(name))” — \(why). Rename the file and try again; nothing was written.")
        case .incomplete:
            return lang.t("L'envoi s'est interrompu avant la fin : rien n'a été écrit. Recommencez.",
                          "The upload stopped before its end: nothing was written. Try again.")
        case .noFile:
            return lang.t("Aucun fichier choisi : choisissez ou déposez au moins un fichier. Rien n'a été écrit.",
                          "No file chosen: choose or drop at least one file. Nothing was written.")
        case .tooLarge(let name, let limit):
            let size = limit >= 1 << 30 ? lang.t("\(limit >> 30) Gio", "\(limit >> 30) GiB")
                : limit >= 1 << 20 ? lang.t("\(limit >> 20) Mio", "\(limit >> 20) MiB") : lang.t("\(limit) octets", "\(limit) bytes")
            return lang.t("Fichier trop volumineux : « \(Self.visible(name)) » dépasse \(size). Rien n'a été écrit.",
                          "File too large: “\(Self.visible(name))” is over \(size). Nothing was written.")
        case .fieldsAfterFiles:
            return lang.t("Formulaire d'envoi mal formé (les champs doivent précéder les fichiers) : rechargez la page. Rien n'a été écrit.",
                          "Malformed upload form (the fields must come before the files): reload the page. Nothing was written.")
        }
    }

    var status: HTTPResponse.Status {
        switch self {
        case .tooLarge: .contentTooLarge
        default: .badRequest
        }
    }

    /// The problem with `name` as the name of a file put into a badge's evidence folder, or nil.
    static func problem(_ name: String, notUTF8: Bool = false) -> NameProblem? {
        if notUTF8 || name.contains("\u{FFFD}") { return .notUTF8 }
        if name.isEmpty { return .empty }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) }) { return .control }
        if name.contains("/") || name.contains("\\") || name == "." || name == ".." { return .path }
        if name.hasPrefix(".") { return .hidden }
        if name.utf8.count > 255 { return .tooLong }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { return .empty }
        return nil
    }
}
