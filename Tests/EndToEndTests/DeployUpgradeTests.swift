import BerthModel
import BerthStore
import BerthTesting
import Foundation
import Logging
import XCTest

/// Upgrade safety through the built executable: a database written by a newer Berth makes the service refuse to
/// start (non-zero exit, the message says what happened and what to do) and applies nothing to it.
final class DeployUpgradeTests: XCTestCase {
    func testTenancyRefusesADatabaseFromANewerSchemaAndAppliesNothing() throws {
        try BuiltProducts.require(["berth-tenancy"])
        let env = try TestEnvironment()
        defer { env.remove() }
        try env.paths.prepare()
        let path = try XCTUnwrap(env.paths.databasePath(for: .tenancy))
        // A "future" tenancy.db: 500 applied migrations, more than any berth-tenancy of this release knows.
        let future = (1...500).map { Migration(version: $0, name: "future \($0)", sql: "SELECT 1") }
        let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        try BerthDatabase.open(path: path, migrations: future, logger: quiet).close()

        let environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BERTH_") }
        let (code, output) = try runCommand(
            BuiltProducts.path("berth-tenancy"),
            ["--state-dir", env.config.paths.stateDir, "--runtime-dir", env.config.paths.runtimeDir],
            environment: environment)
        XCTAssertNotEqual(code, 0, output)
        XCTAssertTrue(
            output.contains("tenancy.db is at schema version 500 but this berth-tenancy knows up to"), output)
        XCTAssertTrue(output.contains("upgrade Berth or restore a backup"), output)
        // Still the newer Berth's database: no migration of this release was applied to it.
        let reopened = try BerthDatabase.open(path: path, migrations: future, logger: quiet)
        XCTAssertEqual(reopened.schemaVersion, 500)
        try reopened.close()
        XCTAssertFalse(FileManager.default.fileExists(atPath: env.paths.socketPath(for: .tenancy)))
    }
}
