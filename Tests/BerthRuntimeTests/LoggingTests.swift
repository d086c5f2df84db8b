@testable import BerthRuntime
import Foundation
import Logging
import Synchronization
import XCTest

/// Collects lines in memory.
final class CapturedLines: LogLineWriter {
    private let storage = Mutex<[String]>([])
    func write(line: String) { storage.withLock { $0.append(line) } }
    var lines: [String] { storage.withLock { $0 } }
}

final class LoggingTests: XCTestCase {
    private let fixedTime = Date(timeIntervalSince1970: 1_735_787_045.678)  // 2025-01-02T03:04:05.678Z

    private func logger(_ format: LogFormat, _ lines: CapturedLines, level: Logger.Level = .info) -> Logger {
        let time = fixedTime
        return Logger(label: "berth.audit") { label in
            BerthLogHandler(label: label, level: level, format: format, writer: lines, now: { time })
        }
    }

    func testLogfmtLineHasFixedFieldsThenSortedMetadata() {
        let lines = CapturedLines()
        var log = logger(.logfmt, lines)
        log[metadataKey: "service"] = "audit"
        log.info("service started", metadata: ["port": "7080", "path": "/run/berth/audit.sock"])
        log.debug("not at info")
        XCTAssertEqual(
            lines.lines,
            [
                "ts=2025-01-02T03:04:05.678Z level=info logger=berth.audit msg=\"service started\" "
                    + "path=/run/berth/audit.sock port=7080 service=audit"
            ])
    }

    func testLogfmtEscapesSoThatAValueNeverSplitsALine() {
        let lines = CapturedLines()
        logger(.logfmt, lines).warning(
            "rejected",
            metadata: [
                "user": "eve\nts=forged level=info", "quote": "say \"hi\"", "empty": "", "eq": "a=b",
                "msg": "collides", "bad key": "x", "tab": "a\tb", "bell": "\u{7}", "list": ["a", "b c"],
            ])
        XCTAssertEqual(lines.lines.count, 1)
        let line = lines.lines[0]
        XCTAssertFalse(line.contains("\n"))
        XCTAssertTrue(line.contains(#"user="eve\nts=forged level=info""#), line)
        XCTAssertTrue(line.contains(#"quote="say \"hi\"""#), line)
        XCTAssertTrue(line.contains(#"empty="""#), line)
        XCTAssertTrue(line.contains(#"eq="a=b""#), line)
        XCTAssertTrue(line.contains("_msg=collides"), line)
        XCTAssertTrue(line.contains("msg=rejected"), line)
        XCTAssertTrue(line.contains("bad_key=x"), line)
        XCTAssertTrue(line.contains(#"tab="a\tb""#), line)
        XCTAssertTrue(line.contains(#"bell="\u0007""#), line)
        XCTAssertTrue(line.contains(#"list="[\"a\",\"b c\"]""#), line)
    }

    func testJSONLineIsOneValidObject() throws {
        let lines = CapturedLines()
        logger(.json, lines).error(
            "store failed", metadata: ["db": "audit.db", "detail": "line1\nline2 \u{2028}", "n": ["k": "v"]])
        XCTAssertEqual(lines.lines.count, 1)
        let line = lines.lines[0]
        XCTAssertFalse(line.contains("\n"))
        XCTAssertTrue(line.hasPrefix(#"{"ts":"2025-01-02T03:04:05.678Z","level":"error","logger":"berth.audit","#), line)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        XCTAssertEqual(object["msg"] as? String, "store failed")
        XCTAssertEqual(object["detail"] as? String, "line1\nline2 \u{2028}")
        XCTAssertEqual(object["n"] as? [String: String], ["k": "v"])
    }

    func testFileDescriptorWriterNeverInterleavesLinesFromManyThreads() throws {
        let directory = try makeTemporaryDirectory(self)
        let path = directory + "/log"
        let descriptor = open(path, O_CREAT | O_WRONLY | O_APPEND, 0o600)
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        defer { close(descriptor) }
        let writer = FileDescriptorLogWriter(fileDescriptor: descriptor)
        let padding = String(repeating: "x", count: 5000)  // longer than PIPE_BUF, so only the lock keeps it whole
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            var log = Logger(label: "berth.test") { BerthLogHandler(label: $0, level: .info, format: .logfmt, writer: writer) }
            log[metadataKey: "thread"] = "\(thread)"
            for index in 0..<200 { log.info("tick", metadata: ["i": "\(index)", "pad": "\(padding)"]) }
        }
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 1600)
        for line in lines {
            XCTAssertTrue(line.hasPrefix("ts=") && line.contains("msg=tick") && line.contains("pad=\(padding) "))
            XCTAssertEqual(line.components(separatedBy: "ts=").count, 2, "two events share a line")
        }
    }

    func testLoggerLabels() {
        XCTAssertEqual(BerthLogging.loggerLabel(service: "audit"), "berth.audit")
        XCTAssertEqual(BerthLogging.loggerLabel(service: "berth.cli"), "berth.cli")
    }
}
