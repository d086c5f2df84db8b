import BerthModel
import BerthRPC
import BerthTesting
import Foundation
import XCTest

/// `berth admin backup` against a running berthd, `berth admin restore` into a fresh state directory, and a new
/// berthd on it that has the same teams, spaces, users, audit records and keys, and whose audit chain verifies.
final class BackupEndToEndTests: XCTestCase, @unchecked Sendable {
    /// A signed checkpoint after every event: the restored chain is only verifiable with the original signing key.
    static let checkpointEveryEvent = ["BERTH_AUDIT_CHECKPOINT_EVERY": "1"]

    func testBackupWhileRunningThenRestoreIntoAFreshStateDirectoryKeepsTeamsSpacesUsersAuditAndKeys() async throws {
        try BuiltProducts.require(["berth"])
        try await FakeKubernetesAPI.withRunning { api in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let kubeconfig = directory.path + "/kubeconfig"
            try api.kubeconfigYAML().write(toFile: kubeconfig, atomically: true, encoding: .utf8)
            try await self.backupAndRestore(
                environment: Self.checkpointEveryEvent.merging(["BERTH_TENANCY_CLUSTER_KUBECONFIG": kubeconfig]) { $1 },
                home: directory.path)
        }
    }

    private func backupAndRestore(environment: [String: String], home: String) async throws {
        let original = try BerthdProcess(extraEnvironment: environment)
        let serving = await eventually(timeout: .seconds(60)) { await original.allServing() }
        XCTAssertTrue(serving, "not all services serving; berthd log:\n\(original.log)")
        let flags = Self.flags(original)

        // State worth keeping: a team (tenancy.db), an audit record and checkpoints signed with audit's key
        // (audit.db, <stateDir>/audit-signing-key.pem) and a key file (<stateDir>/keys).
        let (created, createOutput) = try berth(["team", "create", "payments", "--display-name", "Payments"] + flags)
        XCTAssertEqual(created, 0, createOutput)
        // A space (tenancy.db, reconciled into the fake cluster) and the bootstrap admin (identity.db).
        let (spaced, spaceOutput) = try berth(["space", "create", "payments-dev", "--team", "payments"] + flags)
        XCTAssertEqual(spaced, 0, spaceOutput)
        let spaceReady = try await eventually(timeout: .seconds(20)) {
            try await original.env.client(for: .tenancy).unary(
                TenancyV1.getSpace, TenancyV1.GetSpaceRequest(name: "payments-dev")).phase == "Ready"
        }
        XCTAssertTrue(spaceReady, original.log)
        let passwordFile = original.env.config.paths.stateDir + "/bootstrap-admin-password"
        let (loggedIn, loginOutput) = try login(passwordFile: passwordFile, flags: flags, home: home)
        XCTAssertEqual(loggedIn, 0, loginOutput)
        let event = AuditV1.Event(
            id: UUID().uuidString, timeUnixNanos: 1_700_000_000_000_000_000,
            actor: AuditV1.Actor(username: "backup-test"), action: AuditAction.teamCreated.rawValue,
            target: AuditV1.Target(kind: "team", name: "payments"), outcome: .allowed)
        _ = try await original.env.client(for: .audit).unary(AuditV1.append, AuditV1.AppendRequest(events: [event]))
        let keys = original.env.root.appending("state/keys")
        try FileManager.default.createDirectory(atPath: keys, withIntermediateDirectories: true)
        let keyBytes = Data("-----BEGIN PRIVATE KEY-----\ntest\n".utf8)
        XCTAssertTrue(FileManager.default.createFile(atPath: keys + "/signing-1.pem", contents: keyBytes))
        let checkpoints = try await original.env.client(for: .audit).unary(
            AuditV1.listCheckpoints, AuditV1.ListCheckpointsRequest())
        XCTAssertFalse(checkpoints.checkpoints.isEmpty, "no signed checkpoint to verify after the restore")
        let signingKeyPath = original.env.config.paths.stateDir + "/audit-signing-key.pem"
        let signingKey = try XCTUnwrap(FileManager.default.contents(atPath: signingKeyPath))

        let backup = original.env.root.appending("backups/first")
        let (backedUp, backupOutput) = try berth(["admin", "backup", backup, "-o", "json"] + flags)
        XCTAssertEqual(backedUp, 0, backupOutput)
        let manifestData = try XCTUnwrap(FileManager.default.contents(atPath: backup + "/manifest.json"))
        let manifest = try JSONSerialization.jsonObject(with: manifestData) as? [String: Any]
        let files = try XCTUnwrap(manifest?["files"] as? [[String: Any]])
        // Every database and key file (services may add more keys of their own: a superset is right).
        let backedUpPaths = Set(files.compactMap { $0["path"] as? String })
        XCTAssertTrue(
            backedUpPaths.isSuperset(of: [
                "audit.db", "identity.db", "tenancy.db", "sleep.db", "keys/signing-1.pem", "audit-signing-key.pem",
                "audit-signing-key.pub.pem",
            ]), "\(backedUpPaths.sorted())")
        XCTAssertFalse(backedUpPaths.contains { $0.hasPrefix("spool/") || $0.hasSuffix("-wal") }, "\(backedUpPaths)")
        for file in files where file["service"] != nil {
            XCTAssertGreaterThan(file["schemaVersion"] as? Int ?? 0, 0, "\(file)")
        }
        XCTAssertEqual((manifest?["berthVersion"] as? String)?.isEmpty, false)

        // A backup never overwrites; a restore never runs under a live Berth.
        let (again, againOutput) = try berth(["admin", "backup", backup] + flags)
        XCTAssertNotEqual(again, 0)
        XCTAssertTrue(againOutput.contains("not an empty directory"), againOutput)
        let fresh = original.env.root.appending("restored")
        let (whileRunning, runningOutput) = try berth(
            ["admin", "restore", backup, "--state-dir", fresh, "--runtime-dir", original.env.config.paths.runtimeDir])
        XCTAssertNotEqual(whileRunning, 0)
        XCTAssertTrue(runningOutput.contains("Berth is running"), runningOutput)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fresh + "/tenancy.db"))

        let stopped = await original.stop()
        XCTAssertTrue(stopped, original.log)
        let (restored, restoreOutput) = try berth(
            ["admin", "restore", backup, "--state-dir", fresh, "--runtime-dir", original.env.config.paths.runtimeDir])
        XCTAssertEqual(restored, 0, restoreOutput)
        XCTAssertEqual(FileManager.default.contents(atPath: fresh + "/keys/signing-1.pem"), keyBytes)
        XCTAssertEqual(FileManager.default.contents(atPath: fresh + "/audit-signing-key.pem"), signingKey)
        let mode = try FileManager.default.attributesOfItem(atPath: fresh + "/audit-signing-key.pem")[.posixPermissions]
        XCTAssertEqual((mode as? NSNumber)?.intValue, 0o600)

        let again2 = try BerthdProcess(stateDirectory: fresh, extraEnvironment: environment)
        let servingAgain = await eventually(timeout: .seconds(60)) { await again2.allServing() }
        XCTAssertTrue(servingAgain, "restored berthd not serving; log:\n\(again2.log)")
        let restoredFlags = ["--runtime-dir", again2.env.config.paths.runtimeDir, "--state-dir", fresh]
        let teams = try await again2.env.client(for: .tenancy).unary(TenancyV1.listTeams, TenancyV1.ListTeamsRequest())
        XCTAssertEqual(teams.teams.map(\.name), ["payments"])
        XCTAssertEqual(teams.teams.first?.displayName, "Payments")
        let space = try await again2.env.client(for: .tenancy).unary(
            TenancyV1.getSpace, TenancyV1.GetSpaceRequest(name: "payments-dev"))
        XCTAssertEqual(space.team, "payments")
        // The admin user and its password hash came back with identity.db: the restored password file logs in.
        let (loggedInAgain, againLoginOutput) = try login(
            passwordFile: fresh + "/bootstrap-admin-password", flags: restoredFlags, home: home)
        XCTAssertEqual(loggedInAgain, 0, againLoginOutput)
        let (tailed, tail) = try berth(["audit", "tail", "-o", "json"] + restoredFlags)
        XCTAssertEqual(tailed, 0, tail)
        XCTAssertTrue(tail.contains(event.id), "restored audit log lacks the event:\n\(tail)")
        // The chain and every checkpoint verify: the restored key is the one that signed them.
        let (verified, verifyOutput) = try berth(["audit", "verify", "-o", "json"] + restoredFlags)
        XCTAssertEqual(verified, 0, verifyOutput)
        XCTAssertTrue(verifyOutput.contains("\"ok\" : true"), verifyOutput)
        XCTAssertFalse(verifyOutput.contains("\"checkpointsChecked\" : 0"), verifyOutput)
        _ = await again2.stop()
    }

    func testRestoreRefusesADamagedBackupAndExistingStateWithoutForce() async throws {
        try BuiltProducts.require(["berth"])
        let original = try BerthdProcess()
        let serving = await eventually(timeout: .seconds(60)) { await original.allServing() }
        XCTAssertTrue(serving, original.log)
        let backup = original.env.root.appending("backup")
        let (backedUp, output) = try berth(["admin", "backup", backup] + Self.flags(original))
        XCTAssertEqual(backedUp, 0, output)

        // The RPC itself: an absolute, existing directory, and never over an existing file.
        let tenancy = original.env.client(for: .tenancy)
        for (directory, code, words) in [
            ("relative/dir", RPCStatusCode.invalidArgument, "not an absolute path"),
            (original.env.root.appending("missing"), .failedPrecondition, "does not exist"),
            (backup, .alreadyExists, "already exists"),
        ] {
            do {
                _ = try await tenancy.unary(AdminV1.backup, AdminV1.BackupRequest(directory: directory))
                XCTFail("backup into \(directory) succeeded")
            } catch {
                XCTAssertEqual(error.code, code, error.message)
                XCTAssertTrue(error.message.contains(words), error.message)
            }
        }
        // The gateway owns no database, so it serves no backup.
        do {
            _ = try await original.env.client(for: .gateway).unary(
                AdminV1.backup, AdminV1.BackupRequest(directory: backup))
            XCTFail("the gateway answered a backup")
        } catch {
            XCTAssertEqual(error.code, .unimplemented, error.message)
        }
        _ = await original.stop()
        let restoreFlags = ["--runtime-dir", original.env.config.paths.runtimeDir]

        // Into the state directory it came from: the databases are there, so only --force replaces them.
        let state = original.env.config.paths.stateDir
        let (refused, refusedOutput) = try berth(["admin", "restore", backup, "--state-dir", state] + restoreFlags)
        XCTAssertNotEqual(refused, 0)
        XCTAssertTrue(refusedOutput.contains("--force"), refusedOutput)
        let (forced, forcedOutput) = try berth(
            ["admin", "restore", backup, "--state-dir", state, "--force"] + restoreFlags)
        XCTAssertEqual(forced, 0, forcedOutput)
        let aside = try FileManager.default.contentsOfDirectory(atPath: state).filter { $0.hasPrefix("pre-restore-") }
        XCTAssertEqual(aside.count, 1)
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(state)/\(aside[0])/tenancy.db"))

        // One changed byte in a database copy: the checksum check refuses before anything is written.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: backup + "/sleep.db"))
        try handle.seek(toOffset: 200)
        let byte = try XCTUnwrap(handle.readData(ofLength: 1).first)
        try handle.seek(toOffset: 200)
        handle.write(Data([byte ^ 0xff]))
        try handle.close()
        let fresh = original.env.root.appending("fresh")
        let (damaged, damagedOutput) = try berth(["admin", "restore", backup, "--state-dir", fresh] + restoreFlags)
        XCTAssertNotEqual(damaged, 0)
        XCTAssertTrue(damagedOutput.contains("sleep.db") && damagedOutput.contains("does not match"), damagedOutput)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fresh + "/audit.db"))
    }

    private static func flags(_ berthd: BerthdProcess) -> [String] {
        ["--runtime-dir", berthd.env.config.paths.runtimeDir, "--state-dir", berthd.env.config.paths.stateDir]
    }

    private func login(passwordFile: String, flags: [String], home: String) throws -> (Int32, String) {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BERTH_") }
        environment["XDG_CONFIG_HOME"] = home
        return try runCommand(
            BuiltProducts.path("berth"), ["login", "--username", "admin", "--password-file", passwordFile] + flags,
            environment: environment)
    }

    private func berth(_ arguments: [String]) throws -> (Int32, String) {
        let environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BERTH_") }
        return try runCommand(BuiltProducts.path("berth"), arguments, environment: environment)
    }
}
