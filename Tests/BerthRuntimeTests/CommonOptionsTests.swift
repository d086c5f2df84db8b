@testable import BerthRuntime
import XCTest

final class CommonOptionsTests: XCTestCase {
    func testFlagsOverrideEnvironmentAndRelativeFlagPathsAreResolved() throws {
        let options = try CommonOptions.parse(["--state-dir", "state", "--runtime-dir", "/r", "--log-level", "debug"])
        let config = try options.loadConfig(
            environment: ["BERTH_STATE_DIR": "/env", "BERTH_LOG_LEVEL": "error", "BERTH_LOG_FORMAT": "json"],
            currentDirectory: "/home/me/berth", executableDirectory: "/opt/berth")
        XCTAssertEqual(config.paths.stateDir, "/home/me/berth/state")
        XCTAssertEqual(config.paths.runtimeDir, "/r")
        XCTAssertEqual(config.paths.binDir, "/opt/berth")
        XCTAssertEqual(config.log.level, .debug)
        XCTAssertEqual(config.log.format, .json)
    }

    func testBadFlagValueIsReportedAgainstTheFlag() throws {
        let options = try CommonOptions.parse(["--log-level", "loud"])
        XCTAssertThrowsError(try options.loadConfig(environment: [:], currentDirectory: "/", executableDirectory: "/b"))
        { error in
            XCTAssertEqual((error as? BerthRuntimeError)?.keys, ["--log-level"])
            XCTAssertTrue("\(error)".hasPrefix("--log-level: \"loud\" is not a log level"), "\(error)")
        }
    }

    func testConfigFileComesFromTheFlagOrTheEnvironment() throws {
        let directory = try makeTemporaryDirectory(self)
        try "log:\n  level: notice\n".write(toFile: directory + "/a.yaml", atomically: true, encoding: .utf8)
        try "log:\n  level: error\n".write(toFile: directory + "/b.yaml", atomically: true, encoding: .utf8)
        let fromEnvironment = try CommonOptions.parse([]).loadConfig(
            environment: ["BERTH_CONFIG": directory + "/a.yaml"], currentDirectory: "/", executableDirectory: "/b")
        XCTAssertEqual(fromEnvironment.log.level, .notice)
        let fromFlag = try CommonOptions.parse(["--config", "b.yaml"]).loadConfig(
            environment: ["BERTH_CONFIG": directory + "/a.yaml"], currentDirectory: directory, executableDirectory: "/b")
        XCTAssertEqual(fromFlag.log.level, .error)
    }

    func testHelpTeachesDefaultsAndVariables() {
        let help = CommonOptions.helpMessage(columns: 400)
        XCTAssertTrue(help.contains("default: /var/lib/berth"), help)
        XCTAssertTrue(help.contains("BERTH_PATHS_RUNTIME_DIR or BERTH_RUNTIME_DIR"), help)
        XCTAssertTrue(help.contains("BERTH_CONFIG"), help)
        XCTAssertTrue(help.contains("--bin-dir"), help)
    }
}
