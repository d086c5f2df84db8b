import BerthCrypto
import Foundation
import IdentityService
import Logging
import XCTest

/// The first admin: generated password written once (0600), or read from a file; idempotent across restarts.
final class BootstrapAdminTests: XCTestCase {
    let logger = Logger(label: "test.bootstrap")

    func testAGeneratedPasswordIsWrittenOnceAndLogsInAndARestartChangesNothing() async throws {
        let fixture = try IdentityFixture()
        defer { fixture.remove() }
        let bootstrap = BootstrapAdmin(username: "admin", passwordFile: "", stateDir: fixture.root.path)
        let log = CapturedLog()
        XCTAssertTrue(try bootstrap.ensure(in: fixture.users, connectorID: "local", now: fixture.clock.now, logger: log.logger))

        let path = bootstrap.generatedPasswordPath
        XCTAssertEqual(path, fixture.root.appending("bootstrap-admin-password"))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let password = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .newlines)
        XCTAssertEqual(password.count, 24)
        XCTAssertTrue(password.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        // The log says where the password is, never what it is.
        XCTAssertTrue(log.all.contains { $0.contains("bootstrap admin password written") && $0.contains(path) }, "\(log.all)")
        XCTAssertFalse(log.all.contains { $0.contains(password) }, "\(log.all)")

        let admin = try XCTUnwrap(try fixture.users.user(connectorID: "local", username: "admin"))
        XCTAssertEqual(admin.groups, ["berth-admins"])
        XCTAssertNotEqual(admin.id, "admin", "sub is a random id, not the username")
        let local = try LocalPasswordConnector(store: fixture.users, lockout: LockoutPolicy(maxFailures: 5, duration: 900))
        let loggedIn = try await local.login(username: "admin", password: password, now: fixture.clock.now)
        XCTAssertEqual(loggedIn.id, admin.id)

        // A restart: nothing created, the file and the user unchanged.
        XCTAssertFalse(try bootstrap.ensure(in: fixture.users, connectorID: "local", now: fixture.clock.now, logger: logger))
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .newlines), password)
        XCTAssertEqual(try fixture.users.user(connectorID: "local", username: "admin")?.id, admin.id)
    }

    /// A crash after the file was written but before the user was stored: the next start uses the file's password.
    func testAnExistingGeneratedFileIsReusedWhenTheUserIsMissing() async throws {
        let fixture = try IdentityFixture()
        defer { fixture.remove() }
        let bootstrap = BootstrapAdmin(username: "admin", passwordFile: "", stateDir: fixture.root.path)
        try "earlier-password\n".write(toFile: bootstrap.generatedPasswordPath, atomically: true, encoding: .utf8)
        XCTAssertTrue(try bootstrap.ensure(in: fixture.users, connectorID: "local", now: fixture.clock.now, logger: logger))
        let local = try LocalPasswordConnector(store: fixture.users, lockout: LockoutPolicy(maxFailures: 5, duration: 900))
        _ = try await local.login(username: "admin", password: "earlier-password", now: fixture.clock.now)
    }

    func testThePasswordFileIsUsedWhenConfigured() async throws {
        let fixture = try IdentityFixture()
        defer { fixture.remove() }
        let file = fixture.root.appending("given")
        try "from-the-operator\n".write(toFile: file, atomically: true, encoding: .utf8)
        let bootstrap = BootstrapAdmin(username: "root-admin", passwordFile: file, stateDir: fixture.root.path)
        XCTAssertTrue(try bootstrap.ensure(in: fixture.users, connectorID: "local", now: fixture.clock.now, logger: logger))
        XCTAssertFalse(FileManager.default.fileExists(atPath: bootstrap.generatedPasswordPath), "nothing generated")
        let local = try LocalPasswordConnector(store: fixture.users, lockout: LockoutPolicy(maxFailures: 5, duration: 900))
        _ = try await local.login(username: "root-admin", password: "from-the-operator", now: fixture.clock.now)

        let missing = BootstrapAdmin(username: "other", passwordFile: fixture.root.appending("absent"), stateDir: fixture.root.path)
        XCTAssertThrowsError(try missing.ensure(in: fixture.users, connectorID: "local", now: 0, logger: logger)) { error in
            XCTAssertTrue("\(error)".contains("admin.bootstrapPasswordFile"), "\(error)")
        }
    }
}
