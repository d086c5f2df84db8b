import BerthTesting
@testable import IdentityService
import XCTest

/// The LDAP connector against a real slapd: logins, nested groups, injection, the pool, the directory going away.
final class LDAPConnectorTests: XCTestCase {
    func testLoginResolvesDirectAndNestedGroupsAndMirrorsTheUser() async throws {
        let fixture = try LDAPFixture()
        defer { fixture.remove() }
        let ldap = fixture.connector()
        let now = fixture.identity.clock.now

        let user = try await ldap.login(username: "alice", password: "alice-pw", now: now)
        XCTAssertEqual(user.username, "alice")
        XCTAssertEqual(user.displayName, "Alice Liddell")
        XCTAssertEqual(user.email, "alice@example.com")
        XCTAssertEqual(user.connectorID, "corp")
        // developers (direct) ∋ engineering ∋ everyone (nested twice), the loop-a/loop-b cycle once each, and
        // the posixGroup ops by memberUid.
        XCTAssertEqual(user.groups, ["developers", "engineering", "everyone", "loop-a", "loop-b", "ops"])

        // Mirrored into identity.db: the same sub at the next login, and readable as a user.
        let again = try await ldap.login(username: "alice", password: "alice-pw", now: now + 60)
        XCTAssertEqual(again.id, user.id)
        XCTAssertEqual(try fixture.identity.users.user(id: user.id)?.groups, user.groups)
        XCTAssertFalse(user.id.contains("alice"), "the sub is random, never the username")

        let bob = try await ldap.login(username: "bob", password: "bob-pw", now: now)
        XCTAssertEqual(bob.groups, ["ops"])
        XCTAssertNotEqual(bob.id, user.id)
    }

    func testNestingStopsAtTheConfiguredDepth() async throws {
        let fixture = try LDAPFixture()
        defer { fixture.remove() }
        let outcome = try await fixture.connector(nestedDepth: 1).lookup(username: "alice", password: "alice-pw")
        XCTAssertEqual(Set(outcome.groups.map(\.name)), ["developers", "engineering", "loop-a", "loop-b", "ops"])
        let engineering = outcome.groups.first { $0.name == "engineering" }
        XCTAssertEqual(engineering?.path, ["developers", "engineering"])

        let direct = try await fixture.connector(nestedDepth: 0).lookup(username: "alice", password: "alice-pw")
        XCTAssertEqual(Set(direct.groups.map(\.name)), ["developers", "loop-a", "ops"])
        let deep = try await fixture.connector(nestedDepth: 3).lookup(username: "alice", password: "alice-pw")
        XCTAssertEqual(deep.groups.first { $0.name == "everyone" }?.path, ["developers", "engineering", "everyone"])
    }

    func testEveryFailureLooksTheSameAndSaysWhyInTheDetail() async throws {
        let fixture = try LDAPFixture()
        defer { fixture.remove() }
        let ldap = fixture.connector()
        let now = fixture.identity.clock.now

        let wrong = await identityError { try await ldap.login(username: "alice", password: "nope", now: now) }
        let empty = await identityError { try await ldap.login(username: "alice", password: "", now: now) }
        let missing = await identityError { try await ldap.login(username: "mallory", password: "x", now: now) }
        let failures = [wrong, empty, missing]
        XCTAssertEqual(failures.map { $0?.code }, Array(repeating: .invalidCredentials, count: 3))
        XCTAssertEqual(Set(failures.map { $0?.message }).count, 1, "one message whatever was wrong")
        XCTAssertTrue(wrong?.detail.contains("refused the password of uid=alice") ?? false, "\(String(describing: wrong))")
        XCTAssertTrue(empty?.detail.contains("before any bind") ?? false)
        XCTAssertTrue(missing?.detail.contains("no entry matches (&(objectClass=person)(uid=mallory))") ?? false)
    }

    func testAnInjectionUsernameLogsInAsItselfAndNeverMatchesOthers() async throws {
        let fixture = try LDAPFixture()
        defer { fixture.remove() }
        let ldap = fixture.connector()
        let now = fixture.identity.clock.now
        let injector = SlapdDirectory.injectionUsername

        let itself = try await ldap.login(username: injector, password: "inject-pw", now: now)
        XCTAssertEqual(itself.username, injector)
        XCTAssertEqual(itself.displayName, "injector")
        XCTAssertEqual(itself.groups, [])

        // Unescaped, `(&(objectClass=person)(uid=*)(uid=*))` would match everyone: alice's password must fail.
        let asAlice = await identityError { try await ldap.login(username: injector, password: "alice-pw", now: now) }
        XCTAssertEqual(asAlice?.code, .invalidCredentials)
        for attempt in ["*", "al*", "alice)(|(uid=*", "alice\0"] {
            let error = await identityError { try await ldap.login(username: attempt, password: "alice-pw", now: now) }
            XCTAssertEqual(error?.code, .invalidCredentials, attempt)
        }
        let outcome = try await ldap.lookup(username: injector, password: nil)
        XCTAssertEqual(outcome.filter, #"(&(objectClass=person)(uid=\2a\29\28uid=\2a))"#)
    }

    func testConcurrentLoginsShareThePool() async throws {
        let fixture = try LDAPFixture()
        defer { fixture.remove() }
        let ldap = fixture.connector(poolSize: 2)
        let now = fixture.identity.clock.now
        async let alice = ldap.login(username: "alice", password: "alice-pw", now: now)
        async let bob = ldap.login(username: "bob", password: "bob-pw", now: now)
        async let alice2 = ldap.login(username: "alice", password: "alice-pw", now: now)
        let users = try await [alice, bob, alice2]
        XCTAssertEqual(users.map(\.username), ["alice", "bob", "alice"])
        XCTAssertEqual(users[0].id, users[2].id)
        XCTAssertLessThanOrEqual(ldap.pool.idleCount, 2, "never more connections than poolSize")
        XCTAssertGreaterThanOrEqual(ldap.pool.idleCount, 1, "connections are kept for reuse")
    }

    func testADirectoryThatStopsIsAClearErrorAndLoginsRecoverWhenItIsBack() async throws {
        let fixture = try LDAPFixture()
        defer { fixture.remove() }
        let ldap = fixture.connector()
        let now = fixture.identity.clock.now
        _ = try await ldap.login(username: "alice", password: "alice-pw", now: now)  // a pooled connection

        fixture.slapd.stop()
        let down = await identityError { try await ldap.login(username: "alice", password: "alice-pw", now: now) }
        XCTAssertEqual(down?.code, .directoryUnavailable)
        XCTAssertTrue(down?.message.contains(fixture.slapd.url) ?? false, "\(String(describing: down))")
        XCTAssertNotEqual(down?.message, IdentityError.invalidCredentials(detail: "").message)

        try fixture.slapd.start()
        let back = try await ldap.login(username: "alice", password: "alice-pw", now: now)
        XCTAssertEqual(back.username, "alice")
    }

    func testAWrongServiceAccountIsAConfigErrorNotTheUsersFault() async throws {
        let fixture = try LDAPFixture()
        defer { fixture.remove() }
        var settings = fixture.settings()
        settings.bindPassword = "wrong"
        let ldap = LDAPConnector(settings: settings, mirror: SQLiteMirroredUserStore(database: fixture.identity.database))
        let error = await identityError { try await ldap.login(username: "alice", password: "alice-pw", now: 0) }
        XCTAssertEqual(error?.code, .invalidConfig)
        XCTAssertTrue(error?.message.contains("bindDN") ?? false)
    }
}

extension LDAPConnectorTests {
    func testARenamedUserKeepsTheirSubject() async throws {
        let fixture = try LDAPFixture()
        defer { fixture.remove() }
        let ldap = fixture.connector()
        let before = try await ldap.login(username: "alice", password: "alice-pw", now: 100)
        // A real rename: the DN changes too (uid=alice → uid=alice.l); entryUUID stays.
        try fixture.slapd.modify(
            "dn: uid=alice,ou=people,dc=example,dc=com\nchangetype: modrdn\nnewrdn: uid=alice.l\ndeleteoldrdn: 1\n")
        let after = try await ldap.login(username: "alice.l", password: "alice-pw", now: 200)
        XCTAssertEqual(after.id, before.id, "keyed by entryUUID, not by the username or DN")
        XCTAssertEqual(after.username, "alice.l")
        XCTAssertNil(try fixture.identity.users.user(connectorID: "corp", username: "alice"))
        // The groups still name the old DN and memberUid alice (no referential integrity in this slapd): the
        // mirror replaces memberships with what the directory says now.
        XCTAssertEqual(after.groups, [])
        let old = await identityError { try await ldap.login(username: "alice", password: "alice-pw", now: 300) }
        XCTAssertEqual(old?.code, .invalidCredentials)
    }
}

extension LDAPConnectorTests {
    /// StartTLS against slapd with a self-signed certificate (made by the openssl CLI): trusted through caFile it
    /// logs in; without that CA the handshake fails and the directory counts as unreachable, never as a login.
    func testStartTLSTrustsTheConfiguredCAOnly() async throws {
        if let reason = SlapdServer.unavailableReason { throw XCTSkip(reason) }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else { throw XCTSkip("no openssl CLI") }
        let identity = try IdentityFixture()
        let directory = try TemporaryDirectory(prefix: "slapdtls")
        defer {
            identity.remove()
            directory.remove()
        }
        let cert = directory.appending("cert.pem")
        let key = directory.appending("key.pem")
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert,
        ]
        openssl.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        openssl.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try openssl.run()
        while openssl.isRunning { usleep(5_000) }
        XCTAssertEqual(openssl.terminationStatus, 0)
        let slapd = try SlapdServer(
            directory: directory.path, suffix: SlapdDirectory.suffix, rootPassword: "admin-pw",
            ldif: SlapdDirectory.ldif, tls: (cert, key))
        try slapd.start()
        defer { slapd.stop() }

        func connector(caFile: String) -> LDAPConnector {
            LDAPConnector(
                settings: LDAPSettings(
                    id: "corp", url: slapd.url, startTLS: true, caFile: caFile, bindDN: slapd.rootDN,
                    bindPassword: slapd.rootPassword, userSearch: .init(baseDN: SlapdDirectory.people),
                    timeoutSeconds: 3),
                mirror: SQLiteMirroredUserStore(database: identity.database))
        }
        let user = try await connector(caFile: cert).login(username: "alice", password: "alice-pw", now: 1)
        XCTAssertEqual(user.username, "alice")
        let untrusted = await identityError {
            try await connector(caFile: "").login(username: "alice", password: "alice-pw", now: 1)
        }
        XCTAssertEqual(untrusted?.code, .directoryUnavailable, "\(String(describing: untrusted))")
        XCTAssertTrue(untrusted?.detail.contains("StartTLS") ?? false, untrusted?.detail ?? "")
    }
}
