import BerthCrypto
import BerthRPC
import Foundation
import Logging
import ServiceLifecycle

/// Turns new audit events into deliveries for the webhooks that want them, and sends the deliveries that are due.
///
/// Each pass: (1) the events after the `webhooks` cursor become pending deliveries in the same transaction that
/// moves the cursor; (2) due deliveries are sent, each webhook's in sequence order, different webhooks at once (a
/// slow receiver delays only its own). State lives in audit.db, so a restart resumes: nothing queued is lost,
/// and an attempt cut off by a crash is simply made again (receivers deduplicate by `X-Berth-Delivery`).
struct WebhookDispatcher: Service {
    let store: SQLiteWebhookStore
    let log: any AuditStore
    let sender: WebhookSender
    let policy: WebhookRetryPolicy
    let now: @Sendable () -> Date
    let clock: any Clock<Duration>
    let logger: Logger
    var pollInterval: Duration = .seconds(1)
    var batchSize = 500

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                var busy = false
                do {
                    let pass = try await dispatchOnce()
                    busy = pass.queued == batchSize
                } catch {
                    logger.warning("webhook dispatch failed; retrying", metadata: ["error": "\(error)"])
                }
                if !busy {
                    do { try await clock.sleep(for: pollInterval, tolerance: nil) } catch { return }
                }
            }
        }
    }

    struct Pass: Sendable, Equatable {
        /// Events read after the cursor in this pass (up to `batchSize`).
        var queued: Int
        var attempted: Int
        var delivered: Int
    }

    func dispatchOnce() async throws -> Pass {
        let at = Int64(now().timeIntervalSince1970)
        if try await store.skipToHeadIfNoWebhooks() { return Pass(queued: 0, attempted: 0, delivered: 0) }
        let cursor = try await log.sinkCursor(SQLiteWebhookStore.cursorName)
        let query = try AuditQuery(
            AuditV1.QueryRequest(oldestFirst: true, pageSize: UInt32(batchSize), afterSequence: cursor))
        let records = try await log.query(query).records
        _ = try await store.enqueue(records, now: at) { try SecureRandom.identifier(bytes: 12) }

        let due = try await store.due(now: at, limit: 200)
        let byWebhook = Dictionary(grouping: due) { $0.webhook.id }
        let results = await withTaskGroup(of: (Int, Int).self) { group in
            for (_, deliveries) in byWebhook {
                group.addTask { await send(deliveries) }
            }
            return await group.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
        }
        return Pass(queued: records.count, attempted: results.0, delivered: results.1)
    }

    /// One webhook's due deliveries, in order; returns (attempted, delivered).
    private func send(_ deliveries: [(delivery: WebhookDelivery, webhook: Webhook)]) async -> (Int, Int) {
        var delivered = 0
        for (delivery, webhook) in deliveries {
            let attempt = await sender.send(delivery, to: webhook, timestamp: Int64(now().timeIntervalSince1970))
            if attempt.error == nil { delivered += 1 }
            do {
                try await store.recordAttempt(
                    delivery.id, status: attempt.status, error: attempt.error, now: Int64(now().timeIntervalSince1970),
                    policy: policy)
            } catch {
                logger.error("cannot record a webhook attempt", metadata: ["delivery": "\(delivery.id)", "error": "\(error)"])
            }
            if let error = attempt.error {
                logger.warning(
                    "webhook delivery failed",
                    metadata: [
                        "webhook": "\(webhook.name)", "delivery": "\(delivery.id)", "attempt": "\(delivery.attempts + 1)",
                        "error": "\(error)",
                    ])
            }
        }
        return (deliveries.count, delivered)
    }
}
