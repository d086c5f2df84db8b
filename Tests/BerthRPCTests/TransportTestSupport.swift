import BerthRPC
import Foundation
import Logging
import XCTest

/// A test message: field 1 (bytes) carries the payload. Hand-encoded protobuf, so python can decode it with a
/// plain `BytesValue`-shaped parser.
struct EchoMessage: WireMessage, Equatable {
    var payload: [UInt8]

    init(payload: [UInt8]) { self.payload = payload }
    init(_ text: String) { self.payload = Array(text.utf8) }

    var text: String { String(decoding: payload, as: UTF8.self) }

    init(wireBytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        var payload: [UInt8] = []
        func varint() throws -> Int {
            var value = 0
            var shift = 0
            while offset < wireBytes.count {
                let byte = wireBytes[offset]
                offset += 1
                value |= Int(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return value }
                shift += 7
            }
            throw EchoDecodingError()
        }
        while offset < wireBytes.count {
            let key = try varint()
            guard key == 0x0A else { throw EchoDecodingError() }
            let length = try varint()
            guard offset + length <= wireBytes.count else { throw EchoDecodingError() }
            payload = Array(wireBytes[offset..<offset + length])
            offset += length
        }
        self.payload = payload
    }

    func wireBytes() throws -> [UInt8] {
        guard !payload.isEmpty else { return [] }
        var out: [UInt8] = [0x0A]
        var length = payload.count
        while length >= 0x80 {
            out.append(UInt8(length & 0x7F) | 0x80)
            length >>= 7
        }
        out.append(UInt8(length))
        return out + payload
    }
}

struct EchoDecodingError: Error {}

enum TestMethods {
    static let echo = RPCMethod<EchoMessage, EchoMessage>(service: "berth.testing.v1.Echo", method: "Echo", access: .read)
    static let write = RPCMethod<EchoMessage, EchoMessage>(
        service: "berth.testing.v1.Echo", method: "Write", access: .write)
    static let whoAmI = RPCMethod<EchoMessage, EchoMessage>(
        service: "berth.testing.v1.Echo", method: "WhoAmI", access: .read)
    static let small = RPCMethod<EchoMessage, EchoMessage>(
        service: "berth.testing.v1.Echo", method: "Small", access: .read, maxMessageBytes: 1024)
}

/// A temporary directory, removed by the test's teardown.
func makeTemporaryDirectory(_ testCase: XCTestCase) throws -> URL {
    // Short base path: Unix socket paths are limited to 107 bytes.
    let url = URL(fileURLWithPath: "/tmp").appendingPathComponent("berth-rpc-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    testCase.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

func testLogger() -> Logger {
    var logger = Logger(label: "berth.rpc.test")
    logger.logLevel = .critical
    return logger
}

/// Runs `server` for the duration of `body`, then shuts it down gracefully and waits for `run()` to return.
func withRunningServer<T: Sendable>(
    _ server: UnixRPCServer, _ body: () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.run() }
        do {
            try await server.waitUntilListening()
            let result = try await body()
            server.gracefulShutdown()
            try await group.waitForAll()
            return result
        } catch {
            server.gracefulShutdown()
            group.cancelAll()
            throw error
        }
    }
}

/// Asserts that `body` fails with an `RPCClientError` of `code` and returns it.
func assertClientError<T>(
    _ code: RPCClientError.Code, file: StaticString = #filePath, line: UInt = #line,
    _ body: () async throws -> T
) async -> RPCClientError? {
    do {
        let value = try await body()
        XCTFail("expected \(code), got \(value)", file: file, line: line)
        return nil
    } catch let error as RPCClientError {
        XCTAssertEqual(error.code, code, "\(error)", file: file, line: line)
        return error
    } catch {
        XCTFail("expected RPCClientError \(code), got \(error)", file: file, line: line)
        return nil
    }
}
