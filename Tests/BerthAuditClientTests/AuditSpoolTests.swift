@testable import BerthAuditClient
import BerthRPC
import BerthTesting
import Logging
import XCTest

/// The spool file: whole records, torn tails repaired, acknowledged prefixes removed.
final class AuditSpoolTests: XCTestCase {
    var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        directory = try TemporaryDirectory(prefix: "spool")
    }

    override func tearDown() {
        directory.remove()
    }

    static func events(_ ids: [String]) -> [AuditV1.Event] {
        ids.map { AuditV1.Event(id: $0, timeUnixNanos: 1, action: "space.created", details: ["k": $0]) }
    }

    func testRecordsComeBackInOrder() throws {
        let spool = AuditSpool(path: directory.appending("a/b.spool"), logger: Logger(label: "t"))
        XCTAssertTrue(spool.isEmpty)
        try spool.append(Self.events(["1", "2"]), durable: true)
        try spool.append(Self.events(["3"]), durable: true)
        XCTAssertFalse(spool.isEmpty)
        XCTAssertEqual(try spool.load(), Self.events(["1", "2", "3"]))
    }

    func testATornTailIsCutOffAtTheLastCompleteRecord() throws {
        let path = directory.appending("torn.spool")
        let spool = AuditSpool(path: path, logger: Logger(label: "t"))
        try spool.append(Self.events(["1", "2", "3"]), durable: true)
        let complete = try XCTUnwrap(FileManager.default.contents(atPath: path))
        // A crash in the middle of writing record 4: its header and half its payload made it to disk.
        let fourth = try SpoolRecord.encode(Self.events(["4"])[0])
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(fourth.prefix(fourth.count / 2)))
        handle.closeFile()

        XCTAssertEqual(try spool.load(), Self.events(["1", "2", "3"]))
        XCTAssertEqual(FileManager.default.contents(atPath: path), complete, "the torn bytes are truncated")
        try spool.append(Self.events(["5"]), durable: true)
        XCTAssertEqual(try spool.load(), Self.events(["1", "2", "3", "5"]), "appends after a repair are readable")
    }

    func testACorruptRecordEndsTheReadableSpool() throws {
        let path = directory.appending("bad.spool")
        let spool = AuditSpool(path: path, logger: Logger(label: "t"))
        try spool.append(Self.events(["1", "2"]), durable: true)
        var bytes = [UInt8](try XCTUnwrap(FileManager.default.contents(atPath: path)))
        bytes[bytes.count - 1] ^= 0xFF  // flip a bit in record 2's payload: its checksum no longer matches
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        XCTAssertEqual(try spool.load(), Self.events(["1"]))
    }

    func testRemoveFirstDropsExactlyTheAcknowledgedRecords() throws {
        let spool = AuditSpool(path: directory.appending("r.spool"), logger: Logger(label: "t"))
        try spool.append(Self.events(["1", "2", "3", "4"]), durable: true)
        try spool.removeFirst(3)
        XCTAssertEqual(try spool.load(), Self.events(["4"]))
        try spool.removeFirst(1)
        XCTAssertTrue(spool.isEmpty)
    }
}
