import BerthModel
import BerthRPC
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

    /// The other direction: a tenancy.db from the first release (migration 1 only, copied here as it shipped) is
    /// migrated in place by this berth-tenancy, each migration in its own transaction, and its data is kept.
    func testTenancyMigratesADatabaseFromAnOlderReleaseInPlace() async throws {
        try BuiltProducts.require(["berth-tenancy"])
        let env = try TestEnvironment()
        defer { env.remove() }
        try env.paths.prepare()
        let path = try XCTUnwrap(env.paths.databasePath(for: .tenancy))
        let firstRelease = [
            Migration(
                version: 1, name: "teams",
                sql: """
                    CREATE TABLE teams (
                        name TEXT PRIMARY KEY,
                        display_name TEXT NOT NULL DEFAULT '',
                        groups_json TEXT NOT NULL DEFAULT '[]',
                        created_at INTEGER NOT NULL
                    );
                    """)
        ]
        let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let old = try BerthDatabase.open(path: path, migrations: firstRelease, logger: quiet)
        try await old.write { db in
            try db.execute(
                sql: "INSERT INTO teams (name, display_name, groups_json, created_at) VALUES ('payments', 'Payments', '[\"payments-devs\"]', 1)")
        }
        try old.close()

        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltProducts.path("berth-tenancy"))
        process.arguments = ["--state-dir", env.config.paths.stateDir, "--runtime-dir", env.config.paths.runtimeDir]
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BERTH_") }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let serving = await eventually(timeout: .seconds(30)) { await env.isServing(.tenancy) }
        XCTAssertTrue(serving)
        let teams = try await env.client(for: .tenancy).unary(TenancyV1.listTeams, TenancyV1.ListTeamsRequest())
        XCTAssertEqual(teams.teams.map(\.name), ["payments"])
        XCTAssertEqual(teams.teams.first?.groups, ["payments-devs"])
        XCTAssertEqual(teams.teams.first?.members, [], "columns added by later migrations take their defaults")
        let templates = try await env.client(for: .tenancy).unary(TenancyV1.listTemplates, TenancyV1.ListTemplatesRequest())
        XCTAssertEqual(templates.templates.map(\.name), ["default", "restricted"])
        process.terminate()
        process.waitUntilExit()
        // The first release would now refuse it: it was migrated forward (to migration 4, clusters, or later).
        XCTAssertThrowsError(try BerthDatabase.open(path: path, migrations: firstRelease, logger: quiet)) { error in
            XCTAssertTrue("\(error)".contains("at schema version"), "\(error)")
            XCTAssertFalse("\(error)".contains("at schema version 1 "), "\(error)")
        }
    }
}
