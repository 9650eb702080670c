/// An instruction for the caller of a merge: copy the other side's evidence file under a new name,
/// so that both versions of a file changed on both sides are kept.
public struct EvidenceFileCopy: Sendable, Equatable, Encodable {
    public let badge: String
    /// The file on the other side (theirs), relative to the badge's evidence folder.
    public let fromPath: String
    /// Where to write it in the merged dossier, relative to the same folder (`charte (conflit 1a2b3c4).pdf`).
    public let toPath: String
    /// The hash the merged claim records for the copy (theirs' recorded hash).
    public let sha256: String?

    public init(badge: String, fromPath: String, toPath: String, sha256: String?) {
        self.badge = badge
        self.fromPath = fromPath
        self.toPath = toPath
        self.sha256 = sha256
    }
}

/// The merge of one claim.
public struct ClaimMergeResult: Sendable {
    /// The merged claim; nil when the claim is deleted on the merged side.
    public var claim: Claim?
    public var conflicts: [MergeConflict]
    /// Evidence files of theirs to copy under a new name (named in `claim`).
    public var evidenceFileCopies: [EvidenceFileCopy]

    public init(claim: Claim?, conflicts: [MergeConflict] = [], evidenceFileCopies: [EvidenceFileCopy] = []) {
        self.claim = claim
        self.conflicts = conflicts
        self.evidenceFileCopies = evidenceFileCopies
    }
}

/// The structured three-way merge of a `claim.yaml`: fields by key, evidence by id. Nothing is
/// lost: a value changed differently on both sides keeps ours and is reported; an evidence file
/// changed on both sides keeps both versions.
public enum ClaimMerge {
    /// Appended to the title of the received version of an evidence whose file changed on both sides.
    public static let receivedVersionSuffix = " (version reçue)"

    public static func merge(base: Claim?, ours: Claim?, theirs: Claim?, badge: String, text: TextMerging) -> ClaimMergeResult {
        let file = Claim.path(badge: badge)
        func presence(_ ours: Claim?, _ theirs: Claim?) -> MergeConflict {
            MergeConflict(file: file, badge: badge, field: "presence", ours: ours.map(summary), theirs: theirs.map(summary))
        }
        switch (base, ours, theirs) {
        case (_, nil, nil):
            return ClaimMergeResult(claim: nil)
        case (nil, let ours?, nil):
            return ClaimMergeResult(claim: ours)
        case (nil, nil, let theirs?):
            return ClaimMergeResult(claim: theirs)
        case (let base?, let ours?, nil):
            return ours == base ? ClaimMergeResult(claim: nil)
                                : ClaimMergeResult(claim: ours, conflicts: [presence(ours, nil)])
        case (let base?, nil, let theirs?):
            return theirs == base ? ClaimMergeResult(claim: nil)
                                  : ClaimMergeResult(claim: theirs, conflicts: [presence(nil, theirs)])
        case (_, let ours?, let theirs?):
            // Started on both sides: merged against an empty claim.
            return mergeBoth(base: base ?? Claim(), ours: ours, theirs: theirs, badge: badge, text: text)
        }
    }

    /// What a claim kept on one side holds, for a `presence` conflict: its evidence ids.
    static func summary(_ claim: Claim) -> String { claim.evidence.map(\.id).joined(separator: ", ") }

    private static func mergeBoth(base: Claim, ours: Claim, theirs: Claim, badge: String, text: TextMerging) -> ClaimMergeResult {
        let file = Claim.path(badge: badge)
        var conflicts: [MergeConflict] = []
        func field<T: Equatable>(_ name: String, _ b: T, _ o: T, _ t: T, _ describe: (T) -> String?) -> T {
            let (value, conflicted) = threeWay(b, o, t)
            if conflicted {
                conflicts.append(MergeConflict(file: file, badge: badge, field: name, ours: describe(o), theirs: describe(t)))
            }
            return value
        }
        var merged = Claim()
        merged.status = field("status", base.status, ours.status, theirs.status) { $0.rawValue }
        merged.level = field("level", base.level, ours.level, theirs.level) { $0.map(String.init) }
        merged.coverage = field("coverage", base.coverage, ours.coverage, theirs.coverage) { $0?.description }
        if ours.narrative == base.narrative {
            merged.narrative = theirs.narrative
        } else if theirs.narrative == base.narrative || ours.narrative == theirs.narrative {
            merged.narrative = ours.narrative
        } else {
            let result = text.merge(base: base.narrative, ours: ours.narrative, theirs: theirs.narrative)
            if result.conflicted {
                merged.narrative = ours.narrative
                conflicts.append(MergeConflict(file: file, badge: badge, field: "narrative",
                                               ours: ours.narrative, theirs: theirs.narrative))
            } else {
                merged.narrative = result.text
            }
        }
        var evidence = EvidenceMerger(badge: badge, base: base, ours: ours, theirs: theirs)
        merged.evidence = evidence.merge()
        return ClaimMergeResult(claim: merged, conflicts: conflicts + evidence.conflicts,
                                evidenceFileCopies: evidence.copies)
    }

    /// Standard three-way choice: a side that left the base unchanged takes the other's value;
    /// two different changes keep ours and conflict.
    static func threeWay<T: Equatable>(_ base: T, _ ours: T, _ theirs: T) -> (value: T, conflicted: Bool) {
        if ours == base { return (theirs, false) }
        if theirs == base || theirs == ours { return (ours, false) }
        return (ours, true)
    }

    /// A location as the user reads it: `charte.pdf (1a2b3c4)` or the address.
    static func describe(_ location: Evidence.Location) -> String {
        switch location {
        case .file(let path, let sha, _): sha.map { "\(path) (\($0.prefix(7)))" } ?? path
        case .url(let url, let kind): kind == .web ? url : "\(url) (\(kind.rawValue))"
        }
    }

    /// The longest file name the file systems a dossier lives on accept (NAME_MAX), in bytes.
    public static let maximumNameBytes = 255

    /// `charte.pdf` → `charte (conflit 1a2b3c4).pdf`; `captures/photo.png` → `captures/photo (conflit 1a2b3c4).png`.
    /// The name always fits in `maximumNameBytes` UTF-8 bytes: a long stem is shortened (between
    /// characters, never inside one); the marker and the extension are kept whole.
    public static func conflictFileName(_ path: String, sha256: String?, attempt: Int = 1) -> String {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let folder = path[..<slash], name = path[slash...]
        var tag = "conflit"
        if let sha256 { tag += " " + sha256.prefix(7) }
        if attempt > 1 { tag += " \(attempt)" }
        let marker = " (\(tag))"
        let room = maximumNameBytes - marker.utf8.count
        var stem = name, ext: Substring = ""
        // An "extension" longer than half the room is part of the name, shortened with it.
        if let dot = name.lastIndex(of: "."), dot != name.startIndex, name[dot...].utf8.count <= room / 2 {
            stem = name[..<dot]
            ext = name[dot...]
        }
        return "\(folder)\(prefix(of: stem, bytes: room - ext.utf8.count))\(marker)\(ext)"
    }

    /// The longest run of whole characters (grapheme clusters) from the start of `text` that
    /// takes at most `bytes` UTF-8 bytes.
    static func prefix(of text: Substring, bytes: Int) -> Substring {
        guard text.utf8.count > bytes else { return text }
        var used = 0
        var end = text.startIndex
        for character in text {
            let size = character.utf8.count
            guard used + size <= bytes else { break }
            used += size
            end = text.index(after: end)
        }
        return text[..<end]
    }
}

/// Merges the evidence lists of a claim by id.
private struct EvidenceMerger {
    /// One merged entry, with where its location came from.
    struct Slot {
        var evidence: Evidence
        /// The location is theirs' (theirs changed it, or the entry is theirs' alone).
        var locationFromTheirs: Bool
        /// Theirs' version of the entry with this id, kept under a fresh id.
        var versionOf: String? = nil
        /// Theirs' file changed differently from ours: always kept under a suffixed name.
        var forceCopy = false
    }

    let badge: String
    let file: String
    let base: Claim, ours: Claim, theirs: Claim
    var conflicts: [MergeConflict] = []
    var copies: [EvidenceFileCopy] = []
    /// Ids that a fresh id must avoid: every id on any side, and those already given.
    private var reservedIDs: Set<String>
    /// File names a copy must avoid.
    private var usedPaths: Set<String>

    init(badge: String, base: Claim, ours: Claim, theirs: Claim) {
        self.badge = badge
        self.file = Claim.path(badge: badge)
        self.base = base
        self.ours = ours
        self.theirs = theirs
        let all = base.evidence + ours.evidence + theirs.evidence
        reservedIDs = Set(all.map(\.id))
        usedPaths = Set(all.compactMap(\.filePath))
    }

    mutating func merge() -> [Evidence] {
        let baseByID = Self.byID(base.evidence), oursByID = Self.byID(ours.evidence), theirsByID = Self.byID(theirs.evidence)
        var slots: [Slot] = []
        for mine in ours.evidence {
            switch (baseByID[mine.id], theirsByID[mine.id]) {
            case (let original?, let other?):
                slots += mergeEntry(base: original, ours: mine, theirs: other)
            case (nil, let other?):
                // Added on both sides under the same id.
                slots.append(Slot(evidence: mine, locationFromTheirs: false))
                if other != mine {
                    let version = Self.renamed(other, freshID(for: other.id))
                    slots.append(Slot(evidence: version, locationFromTheirs: true, versionOf: mine.id))
                }
            case (let original?, nil):
                // Deleted on theirs: gone if ours left it as it was, else kept and reported.
                if mine != original {
                    slots.append(Slot(evidence: mine, locationFromTheirs: false))
                    conflicts.append(conflict(mine.id, "presence", ours: mine.title, theirs: nil))
                }
            case (nil, nil):
                slots.append(Slot(evidence: mine, locationFromTheirs: false))
            }
        }
        for other in theirs.evidence where oursByID[other.id] == nil {
            if let original = baseByID[other.id] {
                guard other != original else { continue }
                conflicts.append(conflict(other.id, "presence", ours: nil, theirs: other.title))
            }
            slots.append(Slot(evidence: other, locationFromTheirs: true))
        }
        keepTheirFilesApart(&slots)
        return slots.map(\.evidence)
    }

    /// Title, criterion and location merged one by one; a file changed differently on both sides
    /// gives a second entry for theirs' version.
    private mutating func mergeEntry(base original: Evidence, ours mine: Evidence, theirs other: Evidence) -> [Slot] {
        var merged = mine
        let title = ClaimMerge.threeWay(original.title, mine.title, other.title)
        merged.title = title.value
        if title.conflicted { conflicts.append(conflict(mine.id, "title", ours: mine.title, theirs: other.title)) }
        let criterion = ClaimMerge.threeWay(original.criterion, mine.criterion, other.criterion)
        merged.criterion = criterion.value
        if criterion.conflicted {
            conflicts.append(conflict(mine.id, "criterion", ours: mine.criterion, theirs: other.criterion))
        }
        let location = ClaimMerge.threeWay(original.location, mine.location, other.location)
        merged.location = location.value
        var slots = [Slot(evidence: merged, locationFromTheirs: !location.conflicted && mine.location == original.location
                                                                && other.location != original.location)]
        guard location.conflicted else { return slots }
        switch (mine.location, other.location) {
        case (.file(_, let mySHA?, _), .file(_, let theirSHA?, _))
            where mySHA != theirSHA && mySHA != original.sha256 && theirSHA != original.sha256:
            // The file changed on both sides: theirs' version becomes a second entry, its file
            // copied under a suffixed name by the caller.
            var version = Self.renamed(merged, freshID(for: mine.id))
            version.location = other.location
            slots.append(Slot(evidence: version, locationFromTheirs: true, versionOf: mine.id, forceCopy: true))
        case (.file(let myPath, let mySHA, _), .file(let theirPath, let theirSHA, _)):
            let name = myPath != theirPath ? "file" : mySHA != theirSHA ? "sha256" : "size"
            conflicts.append(conflict(mine.id, name, ours: ClaimMerge.describe(mine.location),
                                      theirs: ClaimMerge.describe(other.location)))
        case (.url(let myURL, let myKind), .url(let theirURL, let theirKind)):
            if myURL != theirURL {
                conflicts.append(conflict(mine.id, "url", ours: myURL, theirs: theirURL))
            } else {
                conflicts.append(conflict(mine.id, "kind", ours: myKind.rawValue, theirs: theirKind.rawValue))
            }
        default:
            conflicts.append(conflict(mine.id, "url", ours: ClaimMerge.describe(mine.location),
                                      theirs: ClaimMerge.describe(other.location)))
        }
        return slots
    }

    /// An entry whose file is theirs' must not take the place of a different file of ours under the
    /// same name: theirs' file is kept under a suffixed name (copied by the caller) and reported.
    private mutating func keepTheirFilesApart(_ slots: inout [Slot]) {
        var ourFiles: [String: Evidence] = [:]
        for slot in slots where !slot.locationFromTheirs {
            if let path = slot.evidence.filePath, ourFiles[path] == nil { ourFiles[path] = slot.evidence }
        }
        for index in slots.indices where slots[index].locationFromTheirs {
            let slot = slots[index]
            let received = slot.evidence.location
            guard case .file(let path, let sha, let size) = received else { continue }
            let clash = ourFiles[path].flatMap { $0.sha256 != sha ? $0 : nil }
            guard slot.forceCopy || clash != nil else { continue }
            let target = copyName(path, sha256: sha)
            slots[index].evidence.location = .file(path: target, sha256: sha, size: size)
            copies.append(EvidenceFileCopy(badge: badge, fromPath: path, toPath: target, sha256: sha))
            let subject = slot.versionOf ?? slot.evidence.id
            if slot.versionOf != nil { slots[index].evidence.title += ClaimMerge.receivedVersionSuffix }
            let mine = slot.versionOf.flatMap { id in slots.first { $0.evidence.id == id }?.evidence } ?? clash
            conflicts.append(conflict(subject, "file", ours: mine.map { ClaimMerge.describe($0.location) },
                                      theirs: ClaimMerge.describe(received), keptAs: slot.evidence.id))
        }
    }

    private func conflict(_ evidence: String, _ field: String, ours: String?, theirs: String?, keptAs: String? = nil) -> MergeConflict {
        MergeConflict(file: file, badge: badge, evidence: evidence, field: field, ours: ours, theirs: theirs, theirsKeptAs: keptAs)
    }

    /// `<id>-2`, `<id>-3`… not used on any side nor given already (ids stay within 80 characters).
    private mutating func freshID(for id: String) -> String {
        var counter = 2
        while true {
            let suffix = "-\(counter)"
            var stem = String(id.prefix(80 - suffix.count))
            while stem.hasSuffix("-") { stem.removeLast() }
            let candidate = stem + suffix
            if reservedIDs.insert(candidate).inserted { return candidate }
            counter += 1
        }
    }

    private mutating func copyName(_ path: String, sha256: String?) -> String {
        var attempt = 1
        while true {
            let candidate = ClaimMerge.conflictFileName(path, sha256: sha256, attempt: attempt)
            if usedPaths.insert(candidate).inserted { return candidate }
            attempt += 1
        }
    }

    private static func renamed(_ evidence: Evidence, _ id: String) -> Evidence {
        Evidence(id: id, title: evidence.title, criterion: evidence.criterion, location: evidence.location, line: nil)
    }

    private static func byID(_ list: [Evidence]) -> [String: Evidence] {
        Dictionary(list.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
