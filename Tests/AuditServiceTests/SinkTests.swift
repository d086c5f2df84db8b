@testable import AuditService
import BerthCrypto
import BerthRPC
import Foundation
import Glibc
import Logging
import XCTest

/// Each sink against a real destination, and the pump's cursor: nothing skipped, nothing lost while down.
final class SinkTests: XCTestCase {
    func pump(_ sink: any AuditSink, _ fixture: AuditStoreFixture, batchSize: Int = 100) -> SinkPump {
        var pump = SinkPump(sink: sink, store: fixture.store, clock: ContinuousClock(), logger: Logger(label: "test"))
        pump.batchSize = batchSize
        return pump
    }

    /// Pumps until caught up; returns the number of records delivered.
    func drain(_ pump: SinkPump) async throws -> Int {
        var total = 0
        while case let count = try await pump.pumpOnce(), count > 0 { total += count }
        return total
    }

    func testFileSinkRotatesAndResumesFromItsCursorAfterARestart() async throws {
        let fixture = try AuditStoreFixture()
        defer { fixture.remove() }
        try await fixture.appendEvents(30)
        let path = fixture.directory.appending("audit.jsonl")
        let delivered = try await drain(pump(FileSink(path: path, maxBytes: 4000, keep: 20), fixture, batchSize: 4))
        XCTAssertEqual(delivered, 30)
        let cursor = try await fixture.store.sinkCursor("file")
        XCTAssertEqual(cursor, 30)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path + ".1"), "the file did not rotate")

        // A new pump (a restarted service) continues after 30.
        for index in 31...35 {
            _ = try await fixture.store.append(round: [[try EncodedEvent(AuditStoreFixture.event("e\(index)"))]])[0].get()
        }
        let resumed = try await drain(pump(FileSink(path: path, maxBytes: 4000, keep: 20), fixture, batchSize: 4))
        XCTAssertEqual(resumed, 5)

        let files = ([path] + (1...20).map { "\(path).\($0)" }).filter { FileManager.default.fileExists(atPath: $0) }
        var sequences: [Int] = []
        for file in files.reversed() {  // oldest rotation first
            let text = try String(contentsOfFile: file, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                sequences.append(object?["sequence"] as? Int ?? -1)
                XCTAssertEqual((object?["hash"] as? String)?.count, 64)
            }
            let size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            XCTAssertLessThanOrEqual(size, 4000, file)
        }
        XCTAssertEqual(sequences, Array(1...35), "every record once, in order, across the rotated files")
    }

    func testASinkThatIsDownFallsBehindAndCatchesUpWithoutSkipping() async throws {
        let fixture = try AuditStoreFixture()
        defer { fixture.remove() }
        try await fixture.appendEvents(12)
        let flaky = FlakySink(failures: 3)
        let pump = pump(flaky, fixture, batchSize: 5)
        for _ in 0..<3 {
            do {
                _ = try await pump.pumpOnce()
                XCTFail("a down sink reported success")
            } catch {}
            let cursor = try await fixture.store.sinkCursor("flaky")
            XCTAssertEqual(cursor, 0, "the cursor moved past undelivered records")
        }
        let delivered = try await drain(pump)
        XCTAssertEqual(delivered, 12)
        XCTAssertEqual(flaky.delivered, Array(1...12))
    }

    func testSyslogOverAUnixDatagramSocket() async throws {
        let fixture = try AuditStoreFixture()
        defer { fixture.remove() }
        try await fixture.appendEvents(2)
        let listener = try TestSocket.unixDatagram(path: fixture.directory.appending("log"))
        let sink = SyslogSink(address: try SyslogAddress(listener.address))
        let delivered = try await drain(pump(sink, fixture))
        XCTAssertEqual(delivered, 2)
        let first = try XCTUnwrap(listener.receiveDatagram())
        XCTAssertTrue(first.hasPrefix("<85>1 2023-11-14T22:13:20"), first)  // authpriv.notice, the event's time
        XCTAssertTrue(first.contains(" berth-audit \(getpid()) space.created [berth@32473 seq=\"1\"] {"), first)
        XCTAssertTrue(try XCTUnwrap(listener.receiveDatagram()).contains("seq=\"2\""))
    }

    func testSyslogOverUDP() async throws {
        let fixture = try AuditStoreFixture()
        defer { fixture.remove() }
        try await fixture.appendEvents(1)
        let listener = try TestSocket.loopback(SOCK_DGRAM)
        let delivered = try await drain(pump(SyslogSink(address: try SyslogAddress(listener.address)), fixture))
        XCTAssertEqual(delivered, 1)
        let message = try XCTUnwrap(listener.receiveDatagram())
        XCTAssertTrue(message.hasPrefix("<85>1 "), message)
        XCTAssertTrue(message.hasSuffix("}"), message)
    }

    func testSyslogOverTCPWithOctetCounting() async throws {
        let fixture = try AuditStoreFixture()
        defer { fixture.remove() }
        try await fixture.appendEvents(3)
        let listener = try TestSocket.loopback(SOCK_STREAM)
        let delivered = try await drain(pump(SyslogSink(address: try SyslogAddress(listener.address)), fixture))
        XCTAssertEqual(delivered, 3)
        let connection = try XCTUnwrap(listener.accept())
        defer { close(connection) }
        let bytes = TestSocket.read(connection) { Self.frames($0).count == 3 }
        let frames = Self.frames(bytes)
        XCTAssertEqual(frames.count, 3)
        XCTAssertTrue(frames.allSatisfy { $0.hasPrefix("<85>1 ") }, "\(frames)")
        XCTAssertTrue(frames[2].contains("seq=\"3\""))
    }

    /// Splits RFC 6587 octet-counted frames (`LEN SP MSG`).
    static func frames(_ bytes: [UInt8]) -> [String] {
        var frames: [String] = []
        var rest = bytes[...]
        while let space = rest.firstIndex(of: 0x20), let length = Int(String(decoding: rest[..<space], as: UTF8.self)) {
            let start = rest.index(after: space)
            guard rest.distance(from: start, to: rest.endIndex) >= length else { break }
            frames.append(String(decoding: rest[start..<start + length], as: UTF8.self))
            rest = rest[(start + length)...]
        }
        return frames
    }

    func testWebhookSignsTheBodyAndRetriesUntilAccepted() async throws {
        let fixture = try AuditStoreFixture()
        defer { fixture.remove() }
        try await fixture.appendEvents(2)
        let server = try TestSocket.loopback(SOCK_STREAM)
        let secret = Array("s3cret".utf8)
        let sink = WebhookSink(
            url: try XCTUnwrap(URL(string: "http://127.0.0.1:\(server.port)/audit")), secret: secret,
            now: { Date(timeIntervalSince1970: 1_700_000_123) })
        let pump = pump(sink, fixture)

        // First delivery: the receiver answers 503 -> failure, cursor stays.
        async let refused: Void = { _ = try await pump.pumpOnce() }()
        let first = try XCTUnwrap(Self.answer(server, status: "503 Service Unavailable"))
        do {
            try await refused
            XCTFail("a 503 counted as delivered")
        } catch {}
        let cursor = try await fixture.store.sinkCursor("webhook")
        XCTAssertEqual(cursor, 0)

        // Retry: 200 -> delivered, same records, valid signature over timestamp + body.
        async let accepted = pump.pumpOnce()
        let second = try XCTUnwrap(Self.answer(server, status: "200 OK"))
        let delivered = try await accepted
        XCTAssertEqual(delivered, 2)
        let cursorAfter = try await fixture.store.sinkCursor("webhook")
        XCTAssertEqual(cursorAfter, 2)
        XCTAssertEqual(first.body, second.body, "the retry sends the same records")
        XCTAssertEqual(second.headers["x-berth-timestamp"], "1700000123")
        let expected = try HMACSHA256.authenticationCode(key: secret, message: Array("1700000123.".utf8) + second.body)
        XCTAssertEqual(second.headers["x-berth-signature"], "v1=" + expected.hexString)
        let json = try JSONSerialization.jsonObject(with: Data(second.body)) as? [String: Any]
        XCTAssertEqual((json?["records"] as? [[String: Any]])?.compactMap { $0["sequence"] as? Int }, [1, 2])
    }

    struct Request {
        var headers: [String: String]
        var body: [UInt8]
    }

    /// Accepts one HTTP request on `server`, answers `status`, returns what was posted.
    static func answer(_ server: TestSocket, status: String) -> Request? {
        guard let connection = server.accept(timeout: 10) else { return nil }
        defer { close(connection) }
        let bytes = TestSocket.read(connection, timeout: 10) { bytes in
            guard let request = parse(bytes) else { return false }
            return request.body.count >= Int(request.headers["content-length"] ?? "0") ?? 0
        }
        let response = "HTTP/1.1 \(status)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        _ = Array(response.utf8).withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        return parse(bytes)
    }

    static func parse(_ bytes: [UInt8]) -> Request? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<max(bytes.count - 3, 0)).first(where: { Array(bytes[$0..<$0 + 4]) == separator }) else {
            return nil
        }
        var headers: [String: String] = [:]
        for line in String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n").dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Request(headers: headers, body: Array(bytes[(end + 4)...]))
    }
}

/// A sink that fails its first `failures` deliveries, then records what it gets.
final class FlakySink: AuditSink, @unchecked Sendable {
    private let lock = NSLock()
    private var remainingFailures: Int
    private var sequences: [UInt64] = []
    let name = "flaky"

    init(failures: Int) { remainingFailures = failures }

    var delivered: [UInt64] { lock.withLock { sequences } }

    func deliver(_ records: [AuditV1.Record]) async throws {
        try lock.withLock {
            if remainingFailures > 0 {
                remainingFailures -= 1
                throw AuditError.sink(name, "down")
            }
            sequences += records.map(\.sequence)
        }
    }
}
