@testable import AuditService
import BerthAuditChain
import BerthRPC
import Foundation
import Glibc
import Logging
import XCTest

/// The sinks export signed checkpoints in order with the events, under the same cursor rules: at-least-once,
/// nothing skipped after a restart, a checkpoint the timer signs later still goes out.
final class SinkCheckpointExportTests: XCTestCase {
    func append(_ fixture: AuditStoreFixture, _ range: ClosedRange<Int>) async throws {
        for index in range {
            _ = try await fixture.store.append(round: [[try EncodedEvent(AuditStoreFixture.event("e\(index)"))]])[0].get()
        }
    }

    /// The JSON objects of a JSON-lines file.
    func lines(_ path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try XCTUnwrap(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    /// "e3" for event 3, "c5" for the checkpoint at 5.
    func shape(_ object: [String: Any]) -> String {
        ((object["type"] as? String) == "checkpoint" ? "c" : "e") + "\(object["sequence"] as? Int ?? -1)"
    }

    func testFileSinkExportsVerifiableCheckpointsInOrderAndResumesAfterARestart() async throws {
        let fixture = try AuditStoreFixture(checkpointEvery: 5)
        defer { fixture.remove() }
        try await append(fixture, 1...12)  // checkpoints at 5 and 10
        let path = fixture.directory.appending("audit.jsonl")
        let delivered = try await drain(pump(FileSink(path: path, maxBytes: 1 << 20), fixture, batchSize: 4))
        XCTAssertEqual(delivered, 14)
        XCTAssertEqual(
            try lines(path).map(shape),
            ["e1", "e2", "e3", "e4", "e5", "c5", "e6", "e7", "e8", "e9", "e10", "c10", "e11", "e12"])

        // The timer signs the head (12) after the sink already exported event 12; a restarted pump sends it.
        let late = try await fixture.store.checkpointIfBehind()
        XCTAssertEqual(late?.sequence, 12)
        let lateOnly = try await drain(pump(FileSink(path: path, maxBytes: 1 << 20), fixture))
        XCTAssertEqual(lateOnly, 1)
        try await append(fixture, 13...17)  // 5 after the checkpoint at 12: checkpoint at 17
        let more = try await drain(pump(FileSink(path: path, maxBytes: 1 << 20), fixture, batchSize: 2))
        XCTAssertEqual(more, 6)
        let objects = try lines(path)
        XCTAssertEqual(objects.count, 21)
        XCTAssertEqual(objects.suffix(8).map(shape), ["e12", "c12", "e13", "e14", "e15", "e16", "e17", "c17"])
        XCTAssertEqual(objects.filter { ($0["type"] as? String) == "checkpoint" }.map(shape), ["c5", "c10", "c12", "c17"])

        // Off the host, each exported checkpoint checks against the public key and the exported event's hash.
        let hashes = Dictionary(
            objects.filter { ($0["type"] as? String) == "event" }.map { ($0["sequence"] as? Int ?? 0, $0["hash"] as? String ?? "") },
            uniquingKeysWith: { first, _ in first })
        for checkpoint in objects.filter({ ($0["type"] as? String) == "checkpoint" }) {
            let sequence = try XCTUnwrap(checkpoint["sequence"] as? Int)
            let headHash = try XCTUnwrap(checkpoint["headHash"] as? String)
            XCTAssertEqual(headHash, hashes[sequence], "checkpoint \(sequence) signs the exported event's hash")
            XCTAssertEqual(checkpoint["keyId"] as? String, fixture.signer.keyId)
            let statement = CheckpointStatement(
                sequence: UInt64(sequence), headHash: try Self.bytes(hex: headHash),
                timeUnixNanos: try XCTUnwrap((checkpoint["timeUnixNanos"] as? NSNumber)?.int64Value))
            let signature = try Self.bytes(hex: try XCTUnwrap(checkpoint["signature"] as? String))
            XCTAssertTrue(statement.isSigned(signature, by: fixture.signer.key.publicKey), "checkpoint \(sequence)")
        }
    }

    func testAFailedDeliveryMovesNeitherCursorAndTheRetrySendsTheSameItems() async throws {
        let fixture = try AuditStoreFixture(checkpointEvery: 3)
        defer { fixture.remove() }
        try await append(fixture, 1...4)  // checkpoint at 3
        let sink = FlakySink(failures: 1)
        let pump = pump(sink, fixture)
        do {
            _ = try await pump.pumpOnce()
            XCTFail("a down sink reported success")
        } catch {}
        let cursors = (try await fixture.store.sinkCursor("flaky"), try await fixture.store.sinkCursor("flaky.checkpoints"))
        XCTAssertEqual(cursors.0, 0)
        XCTAssertEqual(cursors.1, 0)
        let delivered = try await drain(pump)
        XCTAssertEqual(delivered, 5)
        XCTAssertEqual(sink.items.map(\.sequence), [1, 2, 3, 3, 4])
        guard case .checkpoint(let checkpoint) = sink.items[3] else { return XCTFail("item 3 is not the checkpoint") }
        XCTAssertEqual(checkpoint.sequence, 3)
        let checkpointCursor = try await fixture.store.sinkCursor("flaky.checkpoints")
        XCTAssertEqual(checkpointCursor, 3)
    }

    func testWebhookPostsCheckpointsWithTheRecords() async throws {
        let fixture = try AuditStoreFixture(checkpointEvery: 3)
        defer { fixture.remove() }
        try await append(fixture, 1...3)
        let server = try TestSocket.loopback(SOCK_STREAM)
        let sink = WebhookSink(
            url: try XCTUnwrap(URL(string: "http://127.0.0.1:\(server.port)/audit")), secret: Array("k".utf8),
            now: { Date(timeIntervalSince1970: 1_700_000_123) })
        let pump = pump(sink, fixture)
        async let accepted = pump.pumpOnce()
        let request = try XCTUnwrap(SinkTests.answer(server, status: "200 OK"))
        let count = try await accepted
        XCTAssertEqual(count, 4)
        let json = try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]
        let items = try XCTUnwrap(json?["records"] as? [[String: Any]])
        XCTAssertEqual(items.map(shape), ["e1", "e2", "e3", "c3"])
        XCTAssertEqual((items[3]["signature"] as? String)?.count, 128, "ES256 r || s, hex")
    }

    func testSyslogSendsACheckpointMessage() async throws {
        let fixture = try AuditStoreFixture(checkpointEvery: 2)
        defer { fixture.remove() }
        try await append(fixture, 1...2)
        let listener = try TestSocket.loopback(SOCK_DGRAM)
        let delivered = try await drain(pump(SyslogSink(address: try SyslogAddress(listener.address)), fixture))
        XCTAssertEqual(delivered, 3)
        _ = try XCTUnwrap(listener.receiveDatagram())
        _ = try XCTUnwrap(listener.receiveDatagram())
        let message = try XCTUnwrap(listener.receiveDatagram())
        XCTAssertTrue(message.hasPrefix("<85>1 "), message)
        XCTAssertTrue(message.contains(" berth-audit \(getpid()) checkpoint [berth@32473 seq=\"2\"] {"), message)
        XCTAssertTrue(message.contains("\"type\":\"checkpoint\""), message)
    }

    static func bytes(hex: String) throws -> [UInt8] {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { throw POSIXError(.EINVAL) }
        return try stride(from: 0, to: digits.count, by: 2).map { index in
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else {
                throw POSIXError(.EINVAL)
            }
            return byte
        }
    }
}
