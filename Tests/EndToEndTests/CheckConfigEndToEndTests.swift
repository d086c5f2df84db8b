import BerthTesting
import Foundation
import XCTest

/// `berthd --check-config`: exit 0 for a valid file, 78 (EX_CONFIG) naming every bad key otherwise.
final class CheckConfigEndToEndTests: XCTestCase {
    func testValidAndInvalidFiles() throws {
        try BuiltProducts.require(["berthd"])
        let directory = try TemporaryDirectory(prefix: "berth-config")
        defer { directory.remove() }
        let environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BERTH_") }

        let good = directory.appending("good.yaml")
        try "gateway:\n  listen: http://127.0.0.1:7081\nsupervisor:\n  stopGracePeriod: 3s\n"
            .write(toFile: good, atomically: true, encoding: .utf8)
        let (goodCode, goodOutput) = try runCommand(
            BuiltProducts.path("berthd"), ["--check-config", "--config", good], environment: environment)
        XCTAssertEqual(goodCode, 0, goodOutput)
        XCTAssertTrue(goodOutput.contains("configuration is valid"), goodOutput)

        // Values that do not decode: every one is reported, each with its key and line.
        let bad = directory.appending("bad.yaml")
        try "rpc:\n  maxMessageBytes: lots\nsupervisr:\n  watchdog: true\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let (badCode, badOutput) = try runCommand(
            BuiltProducts.path("berthd"), ["--check-config", "--config", bad], environment: environment)
        XCTAssertEqual(badCode, 78, badOutput)
        XCTAssertTrue(badOutput.contains("rpc.maxMessageBytes: \"lots\" is not a whole number"), badOutput)
        XCTAssertTrue(badOutput.contains("did you mean supervisor?"), badOutput)

        // Values that decode but break a rule: plain HTTP off loopback.
        let unsafe = directory.appending("unsafe.yaml")
        try "gateway:\n  listen: http://0.0.0.0:7080\n".write(toFile: unsafe, atomically: true, encoding: .utf8)
        let (unsafeCode, unsafeOutput) = try runCommand(
            BuiltProducts.path("berthd"), ["--check-config", "--config", unsafe], environment: environment)
        XCTAssertEqual(unsafeCode, 78, unsafeOutput)
        XCTAssertTrue(unsafeOutput.contains("gateway.listen"), unsafeOutput)
        XCTAssertTrue(unsafeOutput.contains("plain HTTP on a non-loopback address"), unsafeOutput)
    }
}
