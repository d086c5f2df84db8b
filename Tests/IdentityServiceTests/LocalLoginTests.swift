import BerthCrypto
import IdentityService
import XCTest

/// The local password connector: one answer for every failure, lock-out after N failures, release after the
/// duration (injected clock), backoff on repeated lock-outs.
final class LocalLoginTests: XCTestCase {
    func code(_ body: () async throws -> User) async -> IdentityError? {
        do {
            _ = try await body()
            return nil
        } catch let error as IdentityError {
            return error
        } catch {
            XCTFail("unexpected \(error)")
            return nil
        }
    }

    func testEveryFailureLooksTheSameToTheCaller() async throws {
        let fixture = try IdentityFixture()
        defer { fixture.remove() }
        _ = try fixture.addUser("alice", password: "secret-1")
        _ = try fixture.addUser("bob", password: "secret-2", disabled: true)
        let local = try LocalPasswordConnector(store: fixture.users, lockout: LockoutPolicy(maxFailures: 5, duration: 900))
        let now = fixture.clock.now

        let user = try await local.login(username: "alice", password: "secret-1", now: now)
        XCTAssertEqual(user.username, "alice")
        XCTAssertEqual(user.email, "alice@example.com")

        let wrongPassword = await code { try await local.login(username: "alice", password: "nope", now: now) }
        let unknownUser = await code { try await local.login(username: "mallory", password: "nope", now: now) }
        let disabled = await code { try await local.login(username: "bob", password: "secret-2", now: now) }
        let empty = await code { try await local.login(username: "alice", password: "", now: now) }
        let failures = [wrongPassword, unknownUser, disabled, empty]
        XCTAssertEqual(failures.map { $0?.code }, Array(repeating: .invalidCredentials, count: 4))
        XCTAssertEqual(Set(failures.map { $0?.message }).count, 1, "the same message whatever was wrong")
        XCTAssertFalse(wrongPassword?.message.contains("alice") ?? true)
        // The detail (log and audit only) does say what happened.
        XCTAssertTrue(wrongPassword?.detail.contains("wrong password") ?? false)
        XCTAssertTrue(unknownUser?.detail.contains("no local user") ?? false)
        XCTAssertTrue(disabled?.detail.contains("disabled") ?? false)
    }

    func testLockOutAfterMaxFailuresAndReleaseAfterTheDuration() async throws {
        let fixture = try IdentityFixture()
        defer { fixture.remove() }
        _ = try fixture.addUser("alice", password: "right")
        let policy = LockoutPolicy(maxFailures: 3, duration: 900)
        let local = try LocalPasswordConnector(store: fixture.users, lockout: policy)
        let clock = fixture.clock

        for _ in 0..<2 {
            let error = await code { try await local.login(username: "alice", password: "wrong", now: clock.now) }
            XCTAssertEqual(error?.code, .invalidCredentials)
        }
        // Two failures do not lock: the right password still works and clears the counter.
        _ = try await local.login(username: "alice", password: "right", now: clock.now)
        for _ in 0..<3 {
            _ = await code { try await local.login(username: "alice", password: "wrong", now: clock.now) }
        }
        // Locked: even the right password is refused, with the same answer.
        let locked = await code { try await local.login(username: "alice", password: "right", now: clock.now) }
        XCTAssertEqual(locked?.code, .invalidCredentials)
        XCTAssertTrue(locked?.detail.contains("locked out") ?? false, locked?.detail ?? "")

        clock.advance(899)
        let stillLocked = await code { try await local.login(username: "alice", password: "right", now: clock.now) }
        XCTAssertEqual(stillLocked?.code, .invalidCredentials)
        clock.advance(1)
        let user = try await local.login(username: "alice", password: "right", now: clock.now)
        XCTAssertEqual(user.username, "alice")
        XCTAssertEqual(try fixture.users.loginFailures(userID: user.id), .none)
    }

    /// Failures arriving at once each count (the counter is updated in one transaction, not read-then-written).
    func testConcurrentFailuresAllCount() async throws {
        let fixture = try IdentityFixture()
        defer { fixture.remove() }
        let alice = try fixture.addUser("alice", password: "right")
        let local = try LocalPasswordConnector(store: fixture.users, lockout: LockoutPolicy(maxFailures: 100, duration: 900))
        let now = fixture.clock.now
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<12 {
                group.addTask { _ = try? await local.login(username: "alice", password: "wrong", now: now) }
            }
        }
        XCTAssertEqual(try fixture.users.loginFailures(userID: alice.id).failures, 12)
    }

    func testRepeatedLockOutsBackOff() async throws {
        let fixture = try IdentityFixture()
        defer { fixture.remove() }
        _ = try fixture.addUser("alice", password: "right")
        let local = try LocalPasswordConnector(store: fixture.users, lockout: LockoutPolicy(maxFailures: 2, duration: 100))
        let clock = fixture.clock
        for _ in 0..<2 { _ = await code { try await local.login(username: "alice", password: "x", now: clock.now) } }
        clock.advance(100)
        // Released, but two more failures lock for twice as long.
        for _ in 0..<2 { _ = await code { try await local.login(username: "alice", password: "x", now: clock.now) } }
        clock.advance(100)
        let locked = await code { try await local.login(username: "alice", password: "right", now: clock.now) }
        XCTAssertEqual(locked?.code, .invalidCredentials)
        clock.advance(100)
        _ = try await local.login(username: "alice", password: "right", now: clock.now)
    }

    func testAGoodLoginUpgradesAWeakerHash() async throws {
        let fixture = try IdentityFixture()
        defer { fixture.remove() }
        let alice = try fixture.addUser("alice", password: "right")
        XCTAssertEqual(try fixture.users.passwordHash(userID: alice.id)?.parameters.logN, 10)
        let local = try LocalPasswordConnector(store: fixture.users, lockout: LockoutPolicy(maxFailures: 5, duration: 900))
        _ = try await local.login(username: "alice", password: "right", now: fixture.clock.now)
        XCTAssertEqual(try fixture.users.passwordHash(userID: alice.id)?.parameters, .passwords)
        _ = try await local.login(username: "alice", password: "right", now: fixture.clock.now)
    }

    func testDuplicateUsernamesAreRefused() throws {
        let fixture = try IdentityFixture()
        defer { fixture.remove() }
        _ = try fixture.addUser("alice", password: "a", groups: ["dev", "ops"])
        XCTAssertThrowsError(try fixture.addUser("alice", password: "b")) { error in
            XCTAssertEqual((error as? IdentityError)?.code, .alreadyExists)
        }
        XCTAssertEqual(try fixture.users.user(connectorID: "local", username: "alice")?.groups, ["dev", "ops"])
    }
}
