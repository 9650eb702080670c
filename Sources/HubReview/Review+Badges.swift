internal import Credentials
import DossierCore
import Foundation
internal import LinkedData

/// Open Badges 3.0 credentials, kept in step with the awards inside the same transaction as the
/// change that calls for them (docs/BADGES.md "What is wired"):
/// - a badge's current award has a credential (issued at award, re-issued at renewal with the same
///   id, status index and `awardedDate`); revoking the award sets its status bit;
/// - the label has a credential while held, `validUntil` = its lapse date, re-issued when a renewal
///   moves that date; when the label stops being held before that date (a revocation), the label's
///   credential is revoked the same day;
/// - the status list credential is re-signed at each change of the list.
/// Without issuer keys (`hub keys init` not run) awards are recorded and nothing is signed:
/// `issueBadgeCredentials` (run by `hub keys init` and `hub credentials issue`) catches up.
extension Review {
    /// Settings keys for what is published beside the credentials.
    static let statusListKey = "badges:status-list"
    static let profileKey = "badges:issuer-profile"
    static let rotationsKey = "badges:rotations"
    static let statusListStaleKey = "badges:status-list-stale"

    /// The issuer keys, read at most once per transaction and only when something must be signed.
    final class IssuerSource {
        let issuing: BadgeIssuing?
        private var loaded: BadgeIssuer??

        init(_ issuing: BadgeIssuing?) { self.issuing = issuing }

        func issuer() throws -> BadgeIssuer? {
            if let loaded { return loaded }
            let issuer = try issuing?.issuer()
            loaded = .some(issuer)
            return issuer
        }
    }

    /// Brings the credentials of a CFA in step with its awards and label; true when one changed.
    @discardableResult
    func updateBadgeCredentials(_ tx: ReviewTransaction, uai: String, day: Day, now: Date, source: IssuerSource) throws -> Bool {
        guard let issuing = source.issuing, let cfa = try tx.cfa(uai) else { return false }
        let awards = try tx.awards(uai: uai)
        var existing = Dictionary(try tx.badgeCredentials(uai: uai).map { ($0.badge, $0) }, uniquingKeysWith: { a, _ in a })
        var entries: [Int: StatusEntry]?
        func allEntries() throws -> [Int: StatusEntry] {
            if let entries { return entries }
            let all = Dictionary(try tx.statusEntries().map { ($0.statusIndex, $0) }, uniquingKeysWith: { a, _ in a })
            entries = all
            return all
        }
        var changed = false
        var listChanged = false

        func revoke(_ credential: BadgeCredential) throws {
            var credential = credential
            credential.revokedAt = now
            try tx.upsert(credential)
            try tx.upsert(StatusEntry(statusIndex: credential.statusIndex, uai: uai, badge: credential.badge, revoked: true))
            entries?[credential.statusIndex]?.revoked = true
            existing[credential.badge] = credential
            try tx.append(AuditEntry(at: now, actor: "hub", action: "credential-revoked", uai: uai, badge: credential.badge,
                                     reason: "status \(credential.statusIndex)"))
            changed = true
            listChanged = true
        }

        /// Signs and stores the credential of `key`; false when there is no key to sign with.
        /// `version`: the catalogue version whose Achievement the credential carries.
        func issue(_ key: String, version: Catalogue, awardID: Int64?, submissionID: Int64, from: Day, until: Day,
                   firstAwarded: Date) throws -> Bool {
            guard let issuer = try source.issuer() else { return false }
            guard let submission = try tx.submission(submissionID) else { throw HubError.corruptStore("award without submission") }
            let previous = existing[key]
            let index: Int
            if let previous, previous.revokedAt == nil {
                index = previous.statusIndex
            } else {
                guard let free = StatusList.randomFreeIndex(excluding: Set(try allEntries().keys)) else {
                    throw CredentialError.statusList("full")
                }
                index = free
                try tx.upsert(StatusEntry(statusIndex: index, uai: uai, badge: key))
                entries?[index] = StatusEntry(statusIndex: index, uai: uai, badge: key)
                // A new index is an unset bit: the list only needs signing when none was signed yet.
            }
            let achievement = try BadgeAchievements.definition(key, catalogue: version, catalogues: schedule, layout: issuing.layout)
            let request = AwardRequest(
                uai: uai, cfaName: cfa.name ?? uai, badgeID: key, achievement: achievement, validFrom: Self.date(from),
                validUntil: Self.date(until), firstAwarded: firstAwarded, submissionTag: submission.tag,
                submissionCommit: submission.commit, statusListIndex: index)
            let issued = try issuer.issue(request, layout: issuing.layout, now: now)
            let credential = BadgeCredential(
                uai: uai, badge: key, awardID: awardID, json: issued.jsonText, jwt: issued.jwt, statusIndex: index,
                validFrom: from, validUntil: until, firstAwarded: firstAwarded, issuedAt: now)
            try tx.upsert(credential)
            existing[key] = credential
            try tx.append(AuditEntry(at: now, actor: "hub", action: "credential-issued", uai: uai, badge: key,
                                     submissionID: submissionID, commit: submission.commit, reason: "\(from)…\(until)"))
            changed = true
            return true
        }

        var pending = false
        for badgeID in schedule.allBadgeIDs {
            let mine = awards.filter { $0.badge == badgeID }
            guard let current = mine.last(where: { $0.replacedBy == nil }), let awardID = current.id else { continue }
            let credential = existing[badgeID]
            if current.revokedAt != nil {
                if let credential, credential.revokedAt == nil { try revoke(credential) }
                continue
            }
            if let credential, credential.awardID == awardID, credential.revokedAt == nil { continue }
            // The first award of this badge (`awardedDate`), kept across renewals and re-awards.
            let first = credential?.firstAwarded ?? mine.first?.awardedAt ?? now
            if !(try issue(badgeID, version: self.catalogue(version: current.catalogueVersion), awardID: awardID, submissionID: current.submissionID, from: current.validFrom,
                           until: current.validUntil, firstAwarded: first)) { pending = true }
        }

        let label = LabelStatus(uai: uai, awards: awards, catalogues: schedule, on: day)
        let labelCredential = existing[BadgeCredential.label]
        if label.held, let lapse = label.lapsesOn {
            if labelCredential == nil || labelCredential?.revokedAt != nil || labelCredential?.validUntil != lapse {
                // The evidence of the label: the newest award among the badges that make it.
                let valid = Set(label.validBadges.map(\.badge))
                if let newest = awards.filter({ valid.contains($0.badge) && $0.isValid(on: day) }).max(by: { $0.awardedAt < $1.awardedAt }) {
                    let events = try tx.labelEvents(uai: uai)
                    let since = events.last(where: { $0.kind == .awarded })?.day ?? day
                    let first = (labelCredential?.revokedAt == nil ? labelCredential?.firstAwarded : nil) ?? Self.date(since)
                    if !(try issue(BadgeCredential.label, version: self.catalogue(inForceOn: since), awardID: nil, submissionID: newest.submissionID, from: since,
                                   until: lapse, firstAwarded: first)) { pending = true }
                }
            }
        } else if let labelCredential, labelCredential.revokedAt == nil, labelCredential.validUntil > day {
            // Lost before the date the credential says: a badge it needs was revoked.
            try revoke(labelCredential)
        }

        let unsigned = changed ? try tx.value(Self.statusListKey) == nil : false
        if listChanged || unsigned {
            try signStatusList(tx, source: source, now: now)
        }
        if changed { try Self.decisionsChanged(tx, uai: uai) }
        if pending { try tx.append(AuditEntry(at: now, actor: "hub", action: "credential-pending", uai: uai)) }
        return changed
    }

    /// Re-signs the status list from the stored entries (marked stale when there is no key yet).
    func signStatusList(_ tx: ReviewTransaction, source: IssuerSource, now: Date) throws {
        guard let issuing = source.issuing else { return }
        guard let issuer = try source.issuer() else {
            try tx.setValue("1", for: Self.statusListStaleKey)
            return
        }
        var list = StatusList()
        for entry in try tx.statusEntries() where entry.revoked { try list.set(entry.statusIndex) }
        let credential = try issuer.statusListCredential(list, url: issuing.layout.statusListURL(), now: now)
        try tx.setValue(credential.serialized(pretty: true) + "\n", for: Self.statusListKey)
        try tx.setValue(nil, for: Self.statusListStaleKey)
        try storeProfile(tx, issuer: issuer)
    }

    /// Stores the issuer's public Profile and rotation statements; a change makes every CFA holding a
    /// credential due for delivery. True when they changed.
    @discardableResult
    func storeProfile(_ tx: ReviewTransaction, issuer: BadgeIssuer) throws -> Bool {
        let profile = issuer.publicProfile().serialized(pretty: true) + "\n"
        let rotations = JSONValue.array(issuer.keys.rotations.map(JSONValue.string)).serialized(pretty: false)
        guard try tx.value(Self.profileKey) != profile || tx.value(Self.rotationsKey) != rotations else { return false }
        try tx.setValue(profile, for: Self.profileKey)
        try tx.setValue(rotations, for: Self.rotationsKey)
        for uai in Set(try tx.badgeCredentials(uai: nil).map(\.uai)) { try Self.decisionsChanged(tx, uai: uai) }
        return true
    }

    /// Issues every credential an award or the label calls for and that is missing or stale (after
    /// `hub keys init`, or when keys were missing at award time), re-signs the status list when
    /// needed, and refreshes the published Profile (after `hub keys rotate`). Returns how many
    /// credentials were issued or revoked. Throws `CredentialError` when the keys cannot be read.
    @discardableResult
    public func issueBadgeCredentials(day: Day, now: Date = Date()) throws -> Int {
        let source = IssuerSource(badgeIssuing)
        guard let issuer = try source.issuer() else {
            throw CredentialError.keyFile(path: (badgeIssuing?.keyStore.folder ?? "keys") + "/keys.json", problem: .missing)
        }
        var count = 0
        for uai in Set(try store.read { try $0.awards(uai: nil) }.map(\.uai)).sorted() {
            try store.write { tx in
                let before = try tx.badgeCredentials(uai: uai)
                if try updateBadgeCredentials(tx, uai: uai, day: day, now: now, source: source) {
                    count += try tx.badgeCredentials(uai: uai).filter { !before.contains($0) }.count
                }
            }
        }
        try store.write { tx in
            if try tx.value(Self.statusListStaleKey) != nil || tx.value(Self.statusListKey) == nil {
                try signStatusList(tx, source: source, now: now)
            }
            try storeProfile(tx, issuer: issuer)
        }
        return count
    }

    /// The credentials of a CFA (or of every CFA), as stored.
    public func badgeCredentials(uai: String?) throws -> [BadgeCredential] {
        try store.read { try $0.badgeCredentials(uai: uai) }
    }

    /// What the public site and the decisions ref publish beside the credentials: the issuer Profile,
    /// the signed status list, the rotation statements (nil before the first credential).
    public func publishedIssuerDocuments() throws -> PublishedIssuer? {
        try store.read { tx in try Self.publishedIssuer(tx) }
    }

    static func publishedIssuer(_ tx: ReviewTransaction) throws -> PublishedIssuer? {
        guard let profile = try tx.value(profileKey), let statusList = try tx.value(statusListKey) else { return nil }
        let rotations = (try? JSONValue.parse(Array((try tx.value(rotationsKey) ?? "[]").utf8)))?.asArray.compactMap(\.stringValue) ?? []
        return PublishedIssuer(profile: profile, statusList: statusList, rotations: rotations)
    }

    /// The files a CFA's decisions ref carries for its credentials (`CredentialPaths`).
    static func credentialFiles(_ tx: ReviewTransaction, uai: String) throws -> [String: String] {
        let credentials = try tx.badgeCredentials(uai: uai)
        guard !credentials.isEmpty, let issuer = try publishedIssuer(tx) else { return [:] }
        var files: [String: String] = [:]
        for credential in credentials {
            files[CredentialPaths.json(credential.badge)] = credential.json
            files[CredentialPaths.jwt(credential.badge)] = credential.jwt + "\n"
        }
        files[CredentialPaths.issuerProfile] = issuer.profile
        files[CredentialPaths.statusList] = issuer.statusList
        for (offset, statement) in issuer.rotations.enumerated() {
            files[CredentialPaths.rotation(offset + 1)] = PublishedIssuer.rotationFile(statement)
        }
        return files
    }

    /// Midnight UTC of a day: credential dates.
    static func date(_ day: Day) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? Date(timeIntervalSince1970: 0)
    }
}

/// The issuer's public documents as last signed.
public struct PublishedIssuer: Sendable, Equatable {
    /// The issuer Profile with every public key (JSON text).
    public var profile: String
    /// The signed Bitstring Status List credential (JSON text).
    public var statusList: String
    /// The key rotation statements, oldest first (compact JWS).
    public var rotations: [String]

    /// `issuer/rotations/<n>.json`: `{"type": "KeyRotation", "statement": "<compact JWS>"}`.
    public static func rotationFile(_ statement: String) -> String {
        JSONValue.object(JSONObject([("type", "KeyRotation"), ("statement", .string(statement))])).serialized(pretty: true) + "\n"
    }
}
