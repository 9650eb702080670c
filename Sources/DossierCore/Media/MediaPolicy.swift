import Foundation
/// Which evidence files are media, stored as git-lfs pointers: videos of any size, and any file
/// at or above the dossier's threshold (default 5 MiB, `mediaThreshold` in `dossier.yaml`).
public struct MediaPolicy: Sendable, Equatable {
    public static let defaultThreshold = 5 << 20
    /// Video file extensions (lowercase) always stored as media.
    public static let videoExtensions: [String] = ["mp4", "m4v", "mov", "avi", "mkv", "webm", "mpg", "mpeg", "wmv", "flv", "ogv", "3gp"]

    public let threshold: Int

    public init(threshold: Int? = nil) { self.threshold = threshold ?? Self.defaultThreshold }

    public init(identity: DossierIdentity?) { self.init(threshold: identity?.mediaThreshold) }

    public static func isVideo(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: ".") else { return false }
        return videoExtensions.contains(name[name.index(after: dot)...].lowercased())
    }

    /// Whether a file of this name and size is stored as media.
    public func isMedia(name: String, size: Int) -> Bool { Self.isVideo(name) || size >= threshold }

    /// Parses `5242880`, `5 MiB`, `500 KiB`, `1 GiB` (also `MB`/`KB`/`GB`, read as powers of 1024).
    public static func parseSize(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isASCIIDigit }
        guard !digits.isEmpty, let number = Int(digits) else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces).lowercased()
        let scale: Int
        switch unit {
        case "", "b": scale = 1
        case "k", "kb", "kib": scale = 1 << 10
        case "m", "mb", "mib": scale = 1 << 20
        case "g", "gb", "gib": scale = 1 << 30
        default: return nil
        }
        let (value, overflow) = number.multipliedReportingOverflow(by: scale)
        return overflow || value <= 0 ? nil : value
    }

    public static func formatSize(_ bytes: Int) -> String {
        for (unit, scale) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes % scale == 0 {
            return "\(bytes / scale) \(unit)"
        }
        return "\(bytes)"
    }
}
