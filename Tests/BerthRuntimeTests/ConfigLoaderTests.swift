@testable import BerthRuntime
import Logging
import XCTest

final class ConfigLoaderTests: XCTestCase {
    private func load(
        _ yaml: String?, environment: [String: String] = [:], flags: [ConfigLoader.FlagOverride] = []
    ) throws -> BerthConfig {
        try ConfigLoader(environment: environment, flags: flags, executableDirectory: "/opt/berth/bin")
            .load(yaml: yaml, source: "berth.yaml")
    }

    /// The error's message, or a failure when loading succeeds.
    private func problem(
        _ yaml: String?, environment: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line
    ) -> BerthRuntimeError? {
        do {
            let config = try load(yaml, environment: environment)
            XCTFail("loaded \(config)", file: file, line: line)
            return nil
        } catch let error as BerthRuntimeError {
            return error
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
            return nil
        }
    }

    func testNoFileMeansEmbeddedDefaults() throws {
        let config = try load(nil)
        XCTAssertEqual(config, BerthConfig.defaults(binDir: "/opt/berth/bin"))
        XCTAssertEqual(config.paths.stateDir, "/var/lib/berth")
        XCTAssertEqual(config.rpc.maxMessageBytes, 4_194_304)
        XCTAssertEqual(config.supervisor.restartBackoffInitial, .milliseconds(200))
        XCTAssertEqual(config.gateway.publicURL, "http://127.0.0.1:7080")
        XCTAssertEqual(try load(""), config, "an empty file is the defaults too")
    }

    func testFileValuesAreDecoded() throws {
        let config = try load(
            """
            paths:
              stateDir: /srv/berth
            log:
              level: debug
              format: json
            rpc:
              maxMessageBytes: 1_048_576
              defaultDeadline: 2s
            supervisor:
              restartBackoffMax: 1h30m
              crashLoopRestarts: 3
              watchdog: false
            gateway:
              listen: https://0.0.0.0:8443
              tls:
                certFile: /etc/berth/tls.crt
                keyFile: /etc/berth/tls.key
            storage:
              synchronous: normal
            """)
        XCTAssertEqual(config.paths.stateDir, "/srv/berth")
        XCTAssertEqual(config.paths.runtimeDir, "/run/berth")
        XCTAssertEqual(config.log.level, .debug)
        XCTAssertEqual(config.log.format, .json)
        XCTAssertEqual(config.rpc.maxMessageBytes, 1_048_576)
        XCTAssertEqual(config.rpc.defaultDeadline, .seconds(2))
        XCTAssertEqual(config.supervisor.restartBackoffMax, .seconds(5400))
        XCTAssertEqual(config.supervisor.crashLoopRestarts, 3)
        XCTAssertFalse(config.supervisor.watchdog)
        XCTAssertEqual(config.gateway.tls.keyFile, "/etc/berth/tls.key")
        XCTAssertEqual(config.gateway.publicURL, "https://0.0.0.0:8443", "publicURL defaults to the final listen")
        XCTAssertEqual(config.storage.synchronous, .normal)
    }

    func testPlainHTTPOnAPublicAddressIsRejectedWithTheFix() {
        let error = problem("gateway:\n  listen: http://0.0.0.0:7080\n")
        XCTAssertEqual(error?.code, .invalidConfig)
        XCTAssertEqual(error?.keys, ["gateway.listen"])
        XCTAssertEqual(
            error?.message,
            "gateway.listen: \"http://0.0.0.0:7080\" is plain HTTP on a non-loopback address: use https with "
                + "gateway.tls.certFile/keyFile, or bind 127.0.0.1 (berth.yaml line 2)")
    }

    func testLoopbackHTTPIsAllowedEverywhereLoopbackIs() throws {
        for listen in ["http://127.0.0.1:7080", "http://localhost:7080", "http://[::1]:7080", "http://127.1.2.3:80"] {
            XCTAssertEqual(try load("gateway:\n  listen: \(listen)\n").gateway.listen, listen)
        }
    }

    func testHTTPSNeedsBothTLSFiles() {
        let error = problem("gateway:\n  listen: https://0.0.0.0:8443\n  tls:\n    certFile: /etc/c.pem\n")
        XCTAssertEqual(error?.keys.sorted(), ["gateway.listen", "gateway.tls.keyFile"])
    }

    func testUnknownKeysAreErrorsWithTheNearestKnownKey() {
        let error = problem("paths:\n  stateDri: /x\ngatway:\n  listen: http://127.0.0.1:1\nfoo: 1\n")
        XCTAssertEqual(error?.keys, ["paths.stateDri", "gatway", "foo"])
        XCTAssertTrue(error?.message.contains("paths.stateDri: is not a known key: did you mean paths.stateDir?") ?? false)
        XCTAssertTrue(error?.message.contains("gatway: is not a known key: did you mean gateway?") ?? false)
        XCTAssertTrue(error?.message.contains("foo: is not a known key: see deploy/berth.example.yaml") ?? false)
        XCTAssertTrue(error?.message.hasPrefix("3 configuration problems:") ?? false, "\(String(describing: error))")
    }

    func testValuesOfTheWrongShapeAreKeyed() {
        XCTAssertEqual(problem("rpc:\n  maxMessageBytes: lots\n")?.message,
            "rpc.maxMessageBytes: \"lots\" is not a whole number (berth.yaml line 2)")
        XCTAssertEqual(problem("paths: /var/lib\n")?.keys, ["paths"])
        XCTAssertEqual(problem("log:\n  level: [info]\n")?.keys, ["log.level"])
        XCTAssertTrue(problem("supervisor:\n  stableAfter: 60\n")?.message.contains("has no unit") ?? false)
        XCTAssertTrue(problem("log:\n  format: xml\n")?.message.contains("is not one of logfmt, json") ?? false)
        XCTAssertTrue(problem("- a\n- b\n")?.message.contains("must be a mapping") ?? false)
        XCTAssertEqual(problem("paths: [\n")?.code, .configFileUnreadable)
    }

    func testEnvironmentOverridesTheFileWithKeyedErrors() throws {
        let config = try load(
            "rpc:\n  maxMessageBytes: 2048\n",
            environment: [
                "BERTH_RPC_MAX_MESSAGE_BYTES": "4096", "BERTH_GATEWAY_TLS_CERT_FILE": "/c.pem",
                "BERTH_GATEWAY_TLS_KEY_FILE": "/k.pem", "BERTH_GATEWAY_LISTEN": "https://10.0.0.1:443",
                "BERTH_GATEWAY_PUBLIC_URL": "https://berth.example.com", "BERTH_SUPERVISOR_WATCHDOG": "false",
                "BERTH_TEST_KUBECONFIG": "/not/ours", "BERTH_CONFIG": "/ignored/here", "HOME": "/root",
            ])
        XCTAssertEqual(config.rpc.maxMessageBytes, 4096)
        XCTAssertEqual(config.gateway.tls.certFile, "/c.pem")
        XCTAssertEqual(config.gateway.publicURL, "https://berth.example.com")
        XCTAssertFalse(config.supervisor.watchdog)

        XCTAssertEqual(
            problem(nil, environment: ["BERTH_RPC_MAX_MESSAGE_BYTES": "lots"])?.message,
            "BERTH_RPC_MAX_MESSAGE_BYTES: \"lots\" is not a whole number")
        XCTAssertEqual(
            problem(nil, environment: ["BERTH_GATEWAY_LISTN": "x"])?.message,
            "BERTH_GATEWAY_LISTN: is not a known setting: did you mean BERTH_GATEWAY_LISTEN?")
        // Validation names the variable the value came from, not the file key.
        XCTAssertEqual(problem(nil, environment: ["BERTH_GATEWAY_LISTEN": "http://0.0.0.0:80"])?.keys,
            ["BERTH_GATEWAY_LISTEN"])
    }

    func testShortPathAliasesLoseToTheFullNames() throws {
        XCTAssertEqual(try load(nil, environment: ["BERTH_STATE_DIR": "/a"]).paths.stateDir, "/a")
        XCTAssertEqual(try load(nil, environment: ["BERTH_RUNTIME_DIR": "/r"]).paths.runtimeDir, "/r")
        XCTAssertEqual(
            try load(nil, environment: ["BERTH_STATE_DIR": "/a", "BERTH_PATHS_STATE_DIR": "/b"]).paths.stateDir, "/b")
    }

    func testPrecedenceIsFlagsThenEnvironmentThenFileThenDefaults() throws {
        let yaml = "paths:\n  stateDir: /file\n  runtimeDir: /file-run\n  binDir: /file-bin\n"
        let environment = ["BERTH_PATHS_STATE_DIR": "/env", "BERTH_PATHS_RUNTIME_DIR": "/env-run"]
        let flags = [ConfigLoader.FlagOverride(flag: "--state-dir", key: "paths.stateDir", value: "/flag")]
        let config = try load(yaml, environment: environment, flags: flags)
        XCTAssertEqual(config.paths.stateDir, "/flag")
        XCTAssertEqual(config.paths.runtimeDir, "/env-run")
        XCTAssertEqual(config.paths.binDir, "/file-bin")
        XCTAssertEqual(config.log.level, .info)
    }

    func testCrossKeyAndRangeRules() {
        XCTAssertEqual(
            problem("supervisor:\n  restartBackoffInitial: 1m\n  restartBackoffMax: 30s\n")?.keys,
            ["supervisor.restartBackoffInitial"])
        XCTAssertEqual(problem("rpc:\n  maxMessageBytes: 10\n")?.keys, ["rpc.maxMessageBytes"])
        XCTAssertEqual(problem("rpc:\n  defaultDeadline: 0\n")?.keys, ["rpc.defaultDeadline"])
        XCTAssertEqual(problem("supervisor:\n  crashLoopRestarts: 0\n")?.keys, ["supervisor.crashLoopRestarts"])
        XCTAssertEqual(problem("paths:\n  stateDir: var/lib/berth\n")?.keys, ["paths.stateDir"])
        XCTAssertEqual(problem("gateway:\n  publicURL: http://berth.example.com\n")?.keys, ["gateway.publicURL"])
        XCTAssertEqual(problem("admin:\n  bootstrapUser: \"a b\"\n")?.keys, ["admin.bootstrapUser"])
        let longDirectory = "/" + String(repeating: "r", count: 100)
        XCTAssertTrue(
            problem("paths:\n  runtimeDir: \(longDirectory)\n")?.message.contains("too long for Unix sockets") ?? false)
    }

    func testNullValuesKeepTheDefault() throws {
        XCTAssertEqual(try load("log:\n  level:\ngateway:\n").log.level, .info)
    }

    func testMissingFileNamesTheFlagAndThePath() {
        let loader = ConfigLoader(filePath: "/nonexistent/berth.yaml", executableDirectory: "/bin")
        XCTAssertThrowsError(try loader.load()) { error in
            let runtimeError = error as? BerthRuntimeError
            XCTAssertEqual(runtimeError?.code, .configFileUnreadable)
            XCTAssertTrue(runtimeError?.message.contains("/nonexistent/berth.yaml") ?? false)
            XCTAssertTrue(runtimeError?.message.contains("no such file") ?? false, "\(error)")
        }
    }

    func testEnvironmentVariableNamesFollowTheCamelCaseKeys() {
        let names = Dictionary(uniqueKeysWithValues: ConfigKeys.all.map { ($0.name, $0.environmentVariable) })
        XCTAssertEqual(names["paths.stateDir"], "BERTH_PATHS_STATE_DIR")
        XCTAssertEqual(names["gateway.tls.certFile"], "BERTH_GATEWAY_TLS_CERT_FILE")
        XCTAssertEqual(names["gateway.publicURL"], "BERTH_GATEWAY_PUBLIC_URL")
        XCTAssertEqual(names["rpc.maxMessageBytes"], "BERTH_RPC_MAX_MESSAGE_BYTES")
        XCTAssertEqual(Set(names.values).count, names.count, "two keys share an environment variable")
    }
}
