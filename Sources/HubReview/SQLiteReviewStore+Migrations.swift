internal import GRDB

extension SQLiteReviewStore {
    /// The schema, as named migrations. Append new ones; never edit one that has shipped.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-registry-review-awards") { db in
            try db.create(table: "cfa") { t in
                t.primaryKey("uai", .text)
                t.column("name", .text)
                t.column("url", .text).notNull()
                t.column("registeredAt", .datetime).notNull()
                t.column("refsDigest", .text)
                t.column("lastReconciledAt", .datetime)
                t.column("lastError", .text)
                t.column("decisionsDelivered", .text)
            }
            try db.create(table: "member") { t in
                t.primaryKey("id", .text)
                t.column("role", .text).notNull()
                    .check(sql: "role IN ('cfa-pilote', 'badgeons', 'region')")
                t.column("uai", .text).references("cfa", onDelete: .restrict)
                t.column("addedAt", .datetime).notNull()
            }
            try db.create(table: "submission") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("uai", .text).notNull().references("cfa", onDelete: .restrict)
                t.column("badge", .text).notNull()
                t.column("tag", .text).notNull()
                t.column("tagTarget", .text).notNull()
                t.column("commit", .text).notNull()
                t.column("kind", .text).notNull().check(sql: "kind IN ('first', 'renewal')")
                t.column("state", .text).notNull()
                t.column("submittedAt", .datetime).notNull()
                t.column("ingestedAt", .datetime).notNull()
                t.column("ready", .boolean).notNull()
                t.column("problems", .text).notNull()
                t.column("baseCommit", .text)
                t.column("diffJSON", .text)
                t.column("renewalRulesMet", .boolean)
                t.column("message", .text).notNull()
                t.uniqueKey(["uai", "tag"])
            }
            try db.create(index: "submission_by_badge", on: "submission", columns: ["uai", "badge"])
            try db.create(table: "evidence") { t in
                t.column("submissionID", .integer).notNull().references("submission", onDelete: .cascade)
                t.column("evidenceID", .text).notNull()
                t.column("criterion", .text).notNull()
                t.column("title", .text).notNull()
                t.column("path", .text)
                t.column("sha256", .text)
                t.column("size", .integer)
                t.column("url", .text)
                t.column("kind", .text)
                t.primaryKey(["submissionID", "evidenceID"])
            }
            try db.create(table: "vote") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("submissionID", .integer).notNull().indexed().references("submission", onDelete: .restrict)
                t.column("memberID", .text).notNull().references("member", onDelete: .restrict)
                t.column("verdict", .text).notNull().check(sql: "verdict IN ('approve', 'reject', 'changes')")
                t.column("reason", .text).notNull()
                t.column("castAt", .datetime).notNull()
                t.column("withdrawnAt", .datetime)
            }
            try db.create(table: "award") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("uai", .text).notNull().indexed().references("cfa", onDelete: .restrict)
                t.column("badge", .text).notNull()
                t.column("submissionID", .integer).notNull().references("submission", onDelete: .restrict)
                t.column("commit", .text).notNull()
                t.column("validFrom", .text).notNull()
                t.column("validUntil", .text).notNull()
                t.column("awardedBy", .text).notNull().references("member", onDelete: .restrict)
                t.column("awardedAt", .datetime).notNull()
                t.column("revokedAt", .datetime)
                t.column("revokedBy", .text).references("member", onDelete: .restrict)
                t.column("revokeReason", .text)
                t.column("replacedBy", .integer).references("award", onDelete: .restrict)
            }
            try db.create(table: "labelEvent") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("uai", .text).notNull().indexed().references("cfa", onDelete: .restrict)
                t.column("kind", .text).notNull().check(sql: "kind IN ('awarded', 'lapsed')")
                t.column("day", .text).notNull()
                t.column("recordedAt", .datetime).notNull()
            }
            try db.create(table: "audit") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .datetime).notNull()
                t.column("actor", .text).notNull()
                t.column("action", .text).notNull()
                t.column("uai", .text).indexed()
                t.column("badge", .text)
                t.column("submissionID", .integer)
                t.column("commit", .text)
                t.column("fromState", .text)
                t.column("toState", .text)
                t.column("reason", .text)
            }
            try db.create(table: "setting") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
        }
        migrator.registerMigration("v2-media-evidence") { db in
            try db.alter(table: "evidence") { t in
                t.add(column: "media", .boolean).notNull().defaults(to: false)
            }
        }
        migrator.registerMigration("v3-revocation-day") { db in
            try db.alter(table: "award") { t in
                t.add(column: "revokedOn", .text)
            }
        }
        migrator.registerMigration("v4-reason-codes") { db in
            // Reasons as codes with arguments (JSON); the English text columns stay for older rows.
            try db.alter(table: "cfa") { t in t.add(column: "failure", .text) }
            try db.alter(table: "audit") { t in t.add(column: "reasonCodes", .text) }
        }
        migrator.registerMigration("v5-web-access") { db in
            // The web application's credentials: hashes only (bcrypt for passwords, SHA-256 for tokens).
            try db.create(table: "memberCredential") { t in
                t.primaryKey("memberID", .text).references("member", onDelete: .restrict)
                t.column("passwordHash", .text)
                t.column("updatedAt", .datetime).notNull()
                t.column("disabledAt", .datetime)
            }
            try db.create(table: "webSession") { t in
                t.primaryKey("tokenHash", .text)
                t.column("memberID", .text).notNull().indexed().references("member", onDelete: .restrict)
                t.column("createdAt", .datetime).notNull()
                t.column("expiresAt", .datetime).notNull()
                t.column("address", .text)
            }
            try db.create(table: "webInvitation") { t in
                t.primaryKey("tokenHash", .text)
                t.column("memberID", .text).notNull().indexed().references("member", onDelete: .restrict)
                t.column("createdAt", .datetime).notNull()
                t.column("expiresAt", .datetime).notNull()
            }
            try db.create(table: "signInFailure") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("key", .text).notNull()
                t.column("at", .datetime).notNull()
            }
            try db.create(index: "signInFailure_by_key", on: "signInFailure", columns: ["key", "at"])
        }
        migrator.registerMigration("v6-badge-credentials") { db in
            // Open Badges 3.0 credentials issued at award (docs/BADGES.md) and the revocation list's indexes.
            try db.create(table: "badgeCredential") { t in
                t.column("uai", .text).notNull().references("cfa", onDelete: .restrict)
                t.column("badge", .text).notNull()
                t.primaryKey(["uai", "badge"])
                t.column("awardID", .integer).references("award", onDelete: .restrict)
                t.column("json", .text).notNull()
                t.column("jwt", .text).notNull()
                t.column("statusIndex", .integer).notNull().unique()
                t.column("validFrom", .text).notNull()
                t.column("validUntil", .text).notNull()
                t.column("firstAwarded", .datetime).notNull()
                t.column("issuedAt", .datetime).notNull()
                t.column("revokedAt", .datetime)
            }
            try db.create(table: "statusEntry") { t in
                t.primaryKey("statusIndex", .integer)
                t.column("uai", .text).notNull().references("cfa", onDelete: .restrict)
                t.column("badge", .text).notNull()
                t.column("revoked", .boolean).notNull().defaults(to: false)
            }
        }
        migrator.registerMigration("v7-catalogue-version") { db in
            // The catalogue version each request was checked against, and each award's (docs/CATALOGUE.md).
            try db.alter(table: "submission") { t in t.add(column: "catalogueVersion", .text) }
            try db.alter(table: "award") { t in t.add(column: "catalogueVersion", .text) }
        }
        migrator.registerMigration("v8-proposals") { db in
            // The CFAs' proposals of new badges and the peer group's votes on them (docs/CATALOGUE.md).
            try db.create(table: "proposal") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("uai", .text).notNull().references("cfa", onDelete: .restrict)
                t.column("slug", .text).notNull()
                t.column("tag", .text).notNull()
                t.column("tagTarget", .text).notNull()
                t.column("commit", .text).notNull()
                t.column("submittedAt", .datetime).notNull()
                t.column("ingestedAt", .datetime).notNull()
                t.column("text", .text).notNull()
                t.column("message", .text).notNull()
                t.column("state", .text).notNull()
                t.column("refusal", .text)
                t.column("decidedBy", .text).references("member", onDelete: .restrict)
                t.column("decidedAt", .datetime)
                t.column("decisionReason", .text)
                t.column("badge", .text)
                t.column("entry", .text)
                t.column("catalogueVersion", .text)
                t.uniqueKey(["uai", "tag"])
            }
            try db.create(index: "proposal_by_slug", on: "proposal", columns: ["uai", "slug"])
            try db.create(table: "proposalVote") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("proposalID", .integer).notNull().indexed().references("proposal", onDelete: .restrict)
                t.column("memberID", .text).notNull().references("member", onDelete: .restrict)
                t.column("verdict", .text).notNull().check(sql: "verdict IN ('approve', 'reject', 'changes')")
                t.column("reason", .text).notNull()
                t.column("castAt", .datetime).notNull()
                t.column("withdrawnAt", .datetime)
            }
        }
        return migrator
    }
}
