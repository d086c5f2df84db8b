@testable import AuditService
import BerthCrypto
import BerthRPC
import Foundation
import Logging
import XCTest

/// Outgoing webhooks, step by step with a settable clock against a real HTTP receiver on loopback: only events
/// after registration and matching the filter are delivered, signed; a refused attempt is retried after the
/// backoff (not before); retries exhaust to `failed`; redelivery sends the same bytes under the same id.
final class WebhookDispatcherTests: XCTestCase {
    static let secret = Array("0123456789abcdef-secret".utf8)

    func append(_ fixture: AuditStoreFixture, _ id: String, action: String) async throws {
        let results = try await fixture.store.append(
            round: [[try EncodedEvent(AuditStoreFixture.event(id, action: action))]])
        _ = try results[0].get()
    }

    func testDeliveriesAreFilteredSignedRetriedAndRedelivered() async throws {
        let fixture = try AuditStoreFixture(checkpointEvery: 0)
        defer { fixture.remove() }
        // 00-setup: one event of history, then a webhook for space actions, then two events.
        try await fixture.appendEvents(1)
        let server = try TestSocket.loopback(SOCK_STREAM)
        let store = SQLiteWebhookStore(database: fixture.database)
        try await store.create(
            Webhook(
                id: "wh1", name: "itsm", url: try XCTUnwrap(URL(string: "http://127.0.0.1:\(server.port)/hook")),
                secret: Self.secret, actionPrefixes: ["space."], createdBy: "root", createdUnix: 0,
                startsAfter: try await store.head()))
        try await append(fixture, "e2", action: "space.deleted")
        try await append(fixture, "e3", action: "login.failed")
        let now = fixture.now
        let dispatcher = WebhookDispatcher(
            store: store, log: fixture.store, sender: WebhookSender(timeout: 5),
            policy: WebhookRetryPolicy(firstDelaySeconds: 10, maxDelaySeconds: 3600, maxAttempts: 2),
            now: { now.date }, clock: ContinuousClock(), logger: Logger(label: "test"))

        // 01-refused: the receiver answers 503; the delivery stays pending, due again in 10 s.
        async let firstPass = dispatcher.dispatchOnce()
        let first = try XCTUnwrap(SinkTests.answer(server, status: "503 Service Unavailable"))
        let pass1 = try await firstPass
        XCTAssertEqual(pass1.attempted, 1, "e1 is history and e3 is filtered out: only e2 goes")
        XCTAssertEqual(pass1.delivered, 0)
        var listed = try await store.deliveries(webhookID: "wh1", state: nil, after: nil, limit: 10).deliveries
        XCTAssertEqual(listed.map(\.state), [.pending])
        XCTAssertEqual(listed.first?.lastStatus, 503)
        XCTAssertEqual(listed.first?.nextAttemptUnix, Int64(now.date.timeIntervalSince1970) + 10)

        // 02-not-due: before the backoff ends nothing is sent.
        let pass2 = try await dispatcher.dispatchOnce()
        XCTAssertEqual(pass2.attempted, 0)

        // 03-delivered: 10 s later the same bytes go again, under the same delivery id, and are accepted.
        now.set(now.date.addingTimeInterval(10))
        async let thirdPass = dispatcher.dispatchOnce()
        let second = try XCTUnwrap(SinkTests.answer(server, status: "200 OK"))
        let pass3 = try await thirdPass
        XCTAssertEqual(pass3.delivered, 1)
        XCTAssertEqual(first.body, second.body)
        XCTAssertEqual(first.headers["x-berth-delivery"], second.headers["x-berth-delivery"])
        XCTAssertEqual(second.headers["x-berth-event"], "space.deleted")
        let timestamp = try XCTUnwrap(second.headers["x-berth-timestamp"])
        XCTAssertEqual(timestamp, String(Int64(now.date.timeIntervalSince1970)))
        let expected = try HMACSHA256.authenticationCode(key: Self.secret, message: Array((timestamp + ".").utf8) + second.body)
        XCTAssertEqual(second.headers["x-berth-signature"], "v1=" + expected.hexString)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(second.body)) as? [String: Any])
        XCTAssertEqual(json["sequence"] as? Int, 2)
        XCTAssertEqual((json["event"] as? [String: Any])?["action"] as? String, "space.deleted")
        listed = try await store.deliveries(webhookID: "wh1", state: .delivered, after: nil, limit: 10).deliveries
        XCTAssertEqual(listed.count, 1)

        // 04-redeliver, then exhaust: two refused attempts make it `failed`, kept for a person to look at.
        let id = try XCTUnwrap(listed.first?.id)
        let again = try await store.redeliver(id: id, now: Int64(now.date.timeIntervalSince1970))
        XCTAssertEqual(again?.state, .pending)
        async let fourthPass = dispatcher.dispatchOnce()
        let third = try XCTUnwrap(SinkTests.answer(server, status: "500 Internal Server Error"))
        _ = try await fourthPass
        XCTAssertEqual(third.body, first.body, "redelivery sends the recorded bytes")
        now.set(now.date.addingTimeInterval(10))
        async let fifthPass = dispatcher.dispatchOnce()
        _ = try XCTUnwrap(SinkTests.answer(server, status: "500 Internal Server Error"))
        _ = try await fifthPass
        let failed = try await store.deliveries(webhookID: "wh1", state: .failed, after: nil, limit: 10).deliveries
        XCTAssertEqual(failed.map(\.id), [id])
        XCTAssertEqual(failed.first?.attempts, 2)
        now.set(now.date.addingTimeInterval(100_000))
        let idle = try await dispatcher.dispatchOnce()
        XCTAssertEqual(idle.attempted, 0, "a failed delivery waits for a person")
    }

    func testWithoutWebhooksTheCursorFollowsTheHeadAndANewWebhookGetsNoHistory() async throws {
        let fixture = try AuditStoreFixture(checkpointEvery: 0)
        defer { fixture.remove() }
        try await fixture.appendEvents(3)
        let store = SQLiteWebhookStore(database: fixture.database)
        let dispatcher = WebhookDispatcher(
            store: store, log: fixture.store, sender: WebhookSender(timeout: 1), policy: WebhookRetryPolicy(),
            now: { Date(timeIntervalSince1970: 1_700_000_000) }, clock: ContinuousClock(), logger: Logger(label: "test"))
        _ = try await dispatcher.dispatchOnce()
        let cursor = try await fixture.store.sinkCursor(SQLiteWebhookStore.cursorName)
        XCTAssertEqual(cursor, 3, "retention is not held back by a cursor nobody uses")

        try await store.create(
            Webhook(
                id: "wh2", name: "chat", url: try XCTUnwrap(URL(string: "http://127.0.0.1:9/x")), secret: Self.secret,
                actionPrefixes: [], createdBy: "root", createdUnix: 0, startsAfter: try await store.head()))
        let queued = try await store.enqueue(
            try await fixture.store.query(try AuditQuery(AuditV1.QueryRequest(oldestFirst: true, pageSize: 10))).records,
            now: 0, newID: { try SecureRandom.identifier() })
        XCTAssertEqual(queued, 0, "events before registration are never queued, even if read again")
    }
}
