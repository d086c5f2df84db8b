import BerthModel
import BerthStore
import BerthTesting
import Foundation
import Logging
import XCTest

/// Upgrade safety through the built executable: a database written by a newer Berth makes the service refuse to
/// start (non-zero exit, the message says what happened and what to do) and stay untouched.
final class DeployUpgradeTests: XCTestCase {
    func testTenancyRefusesADatabaseFromANewerSchemaAndLeavesItUntouched() throws {
        try BuiltProducts.require(["berth-tenancy"])
        let env = try TestEnvironment()
        defer { env.remove() }
        try env.paths.prepare()
        let path = try XCTUnwrap(env.paths.databasePath(for: .tenancy))
        // A "future" tenancy.db: 500 applied migrations, more than any berth-tenancy of this release knows.
        let future = (1...500).map { Migration(version: $0, name: "future \($0)", sql: "SELECT 1") }
        let database = try BerthDatabase.open(path: path, migrations: future, logger: Logger(label: "test"))
        try database.close()
        let before = try XCTUnwrap(FileManager.default.contents(atPath: path))

        let environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BERTH_") }
        let (code, output) = try runCommand(
            BuiltProducts.path("berth-tenancy"),
            ["--state-dir", env.config.paths.stateDir, "--runtime-dir", env.config.paths.runtimeDir],
            environment: environment)
        XCTAssertNotEqual(code, 0, output)
        XCTAssertTrue(
            output.contains("tenancy.db is at schema version 500 but this berth-tenancy knows up to"), output)
        XCTAssertTrue(output.contains("upgrade Berth or restore a backup"), output)
        XCTAssertEqual(FileManager.default.contents(atPath: path), before, "the newer database was modified")
        XCTAssertFalse(FileManager.default.fileExists(atPath: env.paths.socketPath(for: .tenancy)))
    }
}
