import BerthRPC
import BerthStore
import Foundation
import GRDB

/// Webhooks and their deliveries in `audit.db`.
struct SQLiteWebhookStore: Sendable {
    let database: BerthDatabase

    /// The cursor (in `sink_cursors`, beside the export sinks', so retention keeps what is not queued yet) of the
    /// last event turned into deliveries.
    static let cursorName = "webhooks"

    func create(_ webhook: Webhook) async throws {
        try await database.write { db in
            let taken = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM webhooks WHERE name = ?)", arguments: [webhook.name]) ?? false
            if taken {
                throw AuditError(
                    code: .alreadyExists,
                    message: "a webhook named \"\(webhook.name)\" exists: choose another name or delete it first")
            }
            try db.execute(
                sql: """
                    INSERT INTO webhooks (id, name, url, secret, action_prefixes, created_by, created_unix, starts_after)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    webhook.id, webhook.name, webhook.url.absoluteString, Data(webhook.secret),
                    webhook.actionPrefixes.joined(separator: "\n"), webhook.createdBy, webhook.createdUnix,
                    Int64(clamping: webhook.startsAfter),
                ])
        }
    }

    /// The log's head sequence now (a new webhook starts after it).
    func head() async throws -> UInt64 {
        try await database.read { db in UInt64(try Int64.fetchOne(db, sql: "SELECT MAX(sequence) FROM events") ?? 0) }
    }

    func webhooks() async throws -> [(webhook: Webhook, counts: [WebhookDelivery.State: UInt64])] {
        try await database.read { db in
            let hooks = try Row.fetchAll(db, sql: "SELECT * FROM webhooks ORDER BY name").map(Self.webhook)
            let counts = try Row.fetchAll(
                db, sql: "SELECT webhook_id, state, COUNT(*) AS n FROM webhook_deliveries GROUP BY webhook_id, state")
            var byHook: [String: [WebhookDelivery.State: UInt64]] = [:]
            for row in counts {
                guard let state = WebhookDelivery.State(rawValue: row["state"]) else { continue }
                byHook[row["webhook_id"], default: [:]][state] = UInt64(row["n"] as Int64)
            }
            return hooks.map { ($0, byHook[$0.id] ?? [:]) }
        }
    }

    /// Deletes the webhook and (cascade) its deliveries; false when there was none.
    func delete(id: String) async throws -> Bool {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM webhooks WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    /// With no webhook registered, moves the cursor to the head (nothing to queue: the next webhook starts there
    /// anyway) and returns true; false when there are webhooks.
    /// Writes only when the cursor is behind (an idle audit log costs no fsync per pass).
    func skipToHeadIfNoWebhooks() async throws -> Bool {
        let behind = try await database.read { db -> Bool? in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM webhooks") == 0 else { return nil }
            let cursor = try Int64.fetchOne(db, sql: "SELECT sequence FROM sink_cursors WHERE name = ?", arguments: [Self.cursorName])
            let head = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(sequence), 0) FROM events") ?? 0
            return (cursor ?? -1) < head
        }
        guard let behind else { return false }
        guard behind else { return true }
        return try await database.write { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM webhooks") == 0 else { return false }
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO sink_cursors (name, sequence)
                    VALUES (?, (SELECT COALESCE(MAX(sequence), 0) FROM events))
                    """,
                arguments: [Self.cursorName])
            return true
        }
    }

    /// Turns `records` (the next events after the cursor, oldest first) into pending deliveries for every webhook
    /// that wants them, and moves the cursor past them — in one transaction, so a crash neither loses nor
    /// doubles a delivery (the unique (webhook, sequence) key makes a replay harmless too).
    func enqueue(
        _ records: [AuditV1.Record], now: Int64, newID: @escaping @Sendable () throws -> String
    ) async throws -> Int {
        guard let last = records.last?.sequence else { return 0 }
        let prepared = try records.map { record in
            (record: record, body: try ExportedRecord(record).jsonLine())
        }
        return try await database.write { db in
            let hooks = try Row.fetchAll(db, sql: "SELECT * FROM webhooks").map(Self.webhook)
            var queued = 0
            for (record, body) in prepared {
                let action = record.event?.action ?? ""
                for hook in hooks where record.sequence > hook.startsAfter && hook.wants(action: action) {
                    let id = try newID()
                    try db.execute(
                        sql: """
                            INSERT OR IGNORE INTO webhook_deliveries
                                (id, webhook_id, event_sequence, event_id, action, body, state, next_attempt_unix, created_unix)
                            VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)
                            """,
                        arguments: [
                            id, hook.id, Int64(clamping: record.sequence), record.event?.id ?? "", action, Data(body), now,
                            now,
                        ])
                    queued += db.changesCount
                }
            }
            try db.execute(
                sql: "INSERT OR REPLACE INTO sink_cursors (name, sequence) VALUES (?, ?)",
                arguments: [Self.cursorName, Int64(clamping: last)])
            return queued
        }
    }

    /// Pending deliveries whose time has come, oldest first, with their webhook.
    func due(now: Int64, limit: Int) async throws -> [(delivery: WebhookDelivery, webhook: Webhook)] {
        try await database.read { db in
            let deliveries = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM webhook_deliveries WHERE state = 'pending' AND next_attempt_unix <= ?
                    ORDER BY event_sequence, webhook_id LIMIT ?
                    """,
                arguments: [now, limit]
            ).map(Self.delivery)
            var hooks: [String: Webhook] = [:]
            for id in Set(deliveries.map(\.webhookID)) {
                hooks[id] = try Row.fetchOne(db, sql: "SELECT * FROM webhooks WHERE id = ?", arguments: [id]).map(Self.webhook)
            }
            return deliveries.compactMap { delivery in hooks[delivery.webhookID].map { (delivery, $0) } }
        }
    }

    /// Records an attempt: delivered, or failed and rescheduled by `policy` (or `failed` for good).
    func recordAttempt(
        _ id: String, status: Int, error: String?, now: Int64, policy: WebhookRetryPolicy
    ) async throws {
        try await database.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT attempts FROM webhook_deliveries WHERE id = ?", arguments: [id])
            else { return }  // deleted with its webhook meanwhile
            let attempts = (row["attempts"] as Int) + 1
            if let error {
                let final = attempts >= policy.maxAttempts
                try db.execute(
                    sql: """
                        UPDATE webhook_deliveries SET attempts = ?, last_status = ?, last_error = ?, state = ?,
                            next_attempt_unix = ? WHERE id = ?
                        """,
                    arguments: [
                        attempts, status, error, final ? "failed" : "pending",
                        now + policy.delay(afterAttempt: attempts), id,
                    ])
            } else {
                try db.execute(
                    sql: """
                        UPDATE webhook_deliveries SET attempts = ?, last_status = ?, last_error = '', state = 'delivered',
                            delivered_unix = ? WHERE id = ?
                        """,
                    arguments: [attempts, status, now, id])
            }
        }
    }

    /// A webhook's deliveries (or every webhook's when `webhookID` is empty), newest first; `after` is the
    /// previous page's last row id.
    func deliveries(
        webhookID: String, state: WebhookDelivery.State?, after: Int64?, limit: Int
    ) async throws -> (deliveries: [WebhookDelivery], last: Int64?) {
        try await database.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if !webhookID.isEmpty {
                conditions.append("webhook_id = ?")
                _ = arguments.append(contentsOf: [webhookID])
            }
            if let state {
                conditions.append("state = ?")
                _ = arguments.append(contentsOf: [state.rawValue])
            }
            if let after {
                conditions.append("rowid < ?")
                _ = arguments.append(contentsOf: [after])
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            _ = arguments.append(contentsOf: [limit])
            let rows = try Row.fetchAll(
                db, sql: "SELECT rowid AS row_id, * FROM webhook_deliveries \(filter) ORDER BY rowid DESC LIMIT ?",
                arguments: arguments)
            return (rows.map(Self.delivery), rows.count == limit ? rows.last?["row_id"] : nil)
        }
    }

    /// Queues a delivery again as a fresh series of attempts, due now.
    func redeliver(id: String, now: Int64) async throws -> WebhookDelivery? {
        try await database.write { db in
            try db.execute(
                sql: """
                    UPDATE webhook_deliveries SET state = 'pending', attempts = 0, last_error = '', next_attempt_unix = ?,
                        delivered_unix = 0 WHERE id = ?
                    """,
                arguments: [now, id])
            return try Row.fetchOne(db, sql: "SELECT * FROM webhook_deliveries WHERE id = ?", arguments: [id])
                .map(Self.delivery)
        }
    }

    private static func webhook(_ row: Row) -> Webhook {
        let prefixes: String = row["action_prefixes"]
        return Webhook(
            id: row["id"], name: row["name"], url: URL(string: row["url"]) ?? URL(fileURLWithPath: "/"),
            secret: [UInt8](row["secret"] as Data),
            actionPrefixes: prefixes.isEmpty ? [] : prefixes.split(separator: "\n").map(String.init),
            createdBy: row["created_by"], createdUnix: row["created_unix"],
            startsAfter: UInt64(row["starts_after"] as Int64))
    }

    private static func delivery(_ row: Row) -> WebhookDelivery {
        WebhookDelivery(
            id: row["id"], webhookID: row["webhook_id"], eventSequence: UInt64(row["event_sequence"] as Int64),
            eventID: row["event_id"], action: row["action"], body: [UInt8](row["body"] as Data),
            state: WebhookDelivery.State(rawValue: row["state"]) ?? .failed, attempts: row["attempts"],
            lastStatus: row["last_status"], lastError: row["last_error"], nextAttemptUnix: row["next_attempt_unix"],
            deliveredUnix: row["delivered_unix"], createdUnix: row["created_unix"])
    }
}
