import BerthAuditClient
import BerthModel
import BerthRPC
import BerthTesting
import Logging
import XCTest

/// The recorder against a fake sink: ids and times, validation, batching, spooling, replay, refuse.
final class AuditRecorderTests: XCTestCase {
    var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        directory = try TemporaryDirectory(prefix: "auditclient")
    }

    override func tearDown() {
        directory.remove()
    }

    func makeRecorder(
        _ sink: FakeAuditSink, whenUnreachable: AuditRecorderConfiguration.WhenUnreachable = .spool,
        delivery: AuditRecorderConfiguration.Delivery = .durable, maxBatch: Int = 500
    ) -> AuditRecorder {
        AuditRecorder(
            configuration: AuditRecorderConfiguration(
                producer: "test", spoolPath: directory.appending("spool/test/test.spool"), timeout: .seconds(1),
                whenUnreachable: whenUnreachable, delivery: delivery, maxBatch: maxBatch,
                flushInterval: .milliseconds(50), replayInterval: .milliseconds(20)),
            sink: sink, clock: ContinuousClock(), now: { 42 }, logger: Logger(label: "test"))
    }

    static func event(_ name: String, id: String = "") -> AuditV1.Event {
        AuditV1.Event(
            id: id, actor: AuditV1.Actor(username: "alice"), action: "space.created",
            target: AuditV1.Target(kind: "space", name: name), outcome: .allowed)
    }

    /// Runs the recorder's loop for the duration of `body`, then stops it.
    func running(_ recorder: AuditRecorder, _ body: () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await recorder.run() }
            try await body()
            group.cancelAll()
        }
    }

    func testRecordFillsIdAndTimeAndDelivers() async throws {
        let sink = FakeAuditSink()
        let recorder = makeRecorder(sink)
        try await running(recorder) {
            let recorded = try await recorder.record(Self.event("dev-1"))
            XCTAssertEqual(recorded.id.count, 32, "a random 16-byte hex id")
            XCTAssertEqual(recorded.timeUnixNanos, 42, "the injected clock")
            XCTAssertEqual(sink.stored, [recorded], "durable: delivered before record returned")
            let kept = try await recorder.record(Self.event("dev-2", id: "given"))
            XCTAssertEqual(kept.id, "given")
        }
    }

    func testAnUnknownActionIsRefusedAndNothingOfTheCallIsRecorded() async throws {
        let sink = FakeAuditSink()
        let recorder = makeRecorder(sink)
        var bad = Self.event("x")
        bad.action = "space.exploded"
        do {
            try await recorder.record([Self.event("ok"), bad])
            XCTFail("an unknown action must throw")
        } catch {
            XCTAssertEqual(error.code, .invalidEvent)
            XCTAssertTrue(error.message.contains("space.exploded"), error.message)
        }
        XCTAssertEqual(sink.stored, [])
    }

    func testUnreachableAuditSpoolsAndReplaysInOrderWithoutDuplicates() async throws {
        let sink = FakeAuditSink()
        let recorder = makeRecorder(sink)
        let spoolPath = recorder.configuration.spoolPath
        try await running(recorder) {
            try await recorder.record(Self.event("a", id: "1"))
            sink.set(.unreachable)
            for id in 2...6 { try await recorder.record(Self.event("e", id: "\(id)")) }
            XCTAssertEqual(sink.stored.map(\.id), ["1"])
            let spooled = FileManager.default.contents(atPath: spoolPath)?.count ?? 0
            XCTAssertGreaterThan(spooled, 0, "records are in the spool file before record returns")

            sink.set(.up)
            // A new record goes after the spooled ones.
            try await recorder.record(Self.event("e", id: "7"))
            XCTAssertEqual(sink.stored.map(\.id), ["1", "2", "3", "4", "5", "6", "7"])
            XCTAssertEqual(FileManager.default.contents(atPath: spoolPath)?.count, 0, "acknowledged records leave the spool")
        }
    }

    func testTheLoopReplaysTheSpoolWhenNothingNewIsRecorded() async throws {
        let sink = FakeAuditSink()
        sink.set(.unreachable)
        let recorder = makeRecorder(sink)
        // Not running yet: record still works, directly, and spools.
        try await recorder.record(Self.event("before-start", id: "early"))
        XCTAssertEqual(sink.stored, [])
        sink.set(.up)
        try await running(recorder) {
            let replayed = await eventually { sink.stored.map(\.id) == ["early"] }
            XCTAssertTrue(replayed, "the spool left before start is replayed by the loop")
        }
    }

    func testRefuseModeThrowsAClearErrorAndSpoolsNothing() async throws {
        let sink = FakeAuditSink()
        sink.set(.unreachable)
        let recorder = makeRecorder(sink, whenUnreachable: .refuse)
        try await running(recorder) {
            do {
                try await recorder.record(Self.event("dev-1"))
                XCTFail("refuse mode must throw while audit is down")
            } catch let error as AuditClientError {
                XCTAssertEqual(error.code, .refused)
                XCTAssertTrue(error.message.contains("audit.whenUnreachable"), error.message)
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: recorder.configuration.spoolPath))
    }

    func testConcurrentRecordsShareAppends() async throws {
        let sink = FakeAuditSink()
        let recorder = makeRecorder(sink)
        try await running(recorder) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<200 {
                    group.addTask { try await recorder.record(Self.event("s\(index)", id: "id-\(index)")) }
                }
                try await group.waitForAll()
            }
        }
        XCTAssertEqual(Set(sink.stored.map(\.id)).count, 200)
        XCTAssertLessThan(sink.appends, 200, "records waiting while an Append is in flight share the next one")
    }

    func testBufferedDeliveryReturnsAtOnceAndFlushesOnShutdown() async throws {
        let sink = FakeAuditSink()
        let recorder = AuditRecorder(
            configuration: AuditRecorderConfiguration(
                producer: "test", spoolPath: directory.appending("b.spool"), delivery: .buffered, maxBatch: 1000,
                flushInterval: .seconds(600)),
            sink: sink, clock: ContinuousClock(), now: { 42 }, logger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await recorder.run() }
            let running = await eventually { recorder.isRunning }
            XCTAssertTrue(running)
            for index in 0..<5 { try await recorder.record(Self.event("b", id: "b\(index)")) }
            XCTAssertEqual(sink.stored, [], "buffered: record returns before the batch is sent")
            group.cancelAll()
        }
        XCTAssertEqual(sink.stored.map(\.id), ["b0", "b1", "b2", "b3", "b4"], "stopping flushes what is pending")
        XCTAssertEqual(sink.appends, 1, "one Append for the batch")
    }

    func testASpoolAuditRejectsIsMovedAsideSoLaterEventsFlow() async throws {
        let sink = FakeAuditSink()
        sink.set(.unreachable)
        let recorder = makeRecorder(sink)
        try await recorder.record(Self.event("poison", id: "p"))
        sink.set(.rejecting)
        try await running(recorder) {
            let moved = await eventually {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: self.directory.appending("spool/test"))) ?? []
                return names.contains { $0.hasPrefix("test.spool.rejected-") }
            }
            XCTAssertTrue(moved, "the refused spool is kept aside for an operator")
            sink.set(.up)
            try await recorder.record(Self.event("after", id: "after"))
            XCTAssertEqual(sink.stored.map(\.id), ["after"])
        }
    }

    func testATornSpoolTailIsRecoveredAndTheCompleteRecordsReplayed() async throws {
        let sink = FakeAuditSink()
        sink.set(.unreachable)
        let recorder = makeRecorder(sink)
        let spoolPath = recorder.configuration.spoolPath
        try await recorder.record([Self.event("a", id: "1"), Self.event("b", id: "2")])
        // A crash while spooling event 3: only part of its record reached the disk.
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: spoolPath))
        handle.seekToEndOfFile()
        handle.write(Data([0, 0, 0, 200, 1, 2, 3]))
        handle.closeFile()
        sink.set(.up)
        try await running(recorder) {
            let replayed = await eventually { sink.stored.map(\.id) == ["1", "2"] }
            XCTAssertTrue(replayed, "the complete records are replayed, the torn one dropped")
            try await recorder.record(Self.event("c", id: "3"))
        }
        XCTAssertEqual(sink.stored.map(\.id), ["1", "2", "3"])
        XCTAssertEqual(FileManager.default.contents(atPath: spoolPath)?.count, 0)
    }
}
