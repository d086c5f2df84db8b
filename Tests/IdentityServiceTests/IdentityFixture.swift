import BerthCrypto
import BerthStore
import BerthTesting
import IdentityService
import Logging
import Synchronization

/// A real identity.db in a temporary directory, and a clock the test moves.
struct IdentityFixture {
    let root: TemporaryDirectory
    let database: BerthDatabase
    let clock = TestClock(1_800_000_000)

    init() throws {
        root = try TemporaryDirectory(prefix: "identity")
        database = try BerthDatabase.open(
            path: root.appending("identity.db"), migrations: IdentityMigrations.all, synchronous: .normal,
            logger: Logger(label: "test.identity"))
    }

    var users: SQLiteUserStore { SQLiteUserStore(database: database) }

    /// Cheap scrypt parameters keep the tests fast; the default (N = 2^15) is checked in BerthCryptoTests.
    func addUser(_ username: String, password: String, groups: [String] = [], disabled: Bool = false) throws -> User {
        let user = User(
            id: try SecureRandom.identifier(), username: username, displayName: username.capitalized,
            email: "\(username)@example.com", connectorID: "local", disabled: disabled, createdAt: clock.now,
            groups: groups)
        try users.createUser(
            user, passwordHash: try PasswordHash.make(password: password, parameters: .init(logN: 10, r: 8, p: 1, keyLength: 32)))
        return user
    }

    func remove() {
        try? database.close()
        root.remove()
    }
}

/// Seconds since 1970 that only move when the test says so.
final class TestClock: Sendable {
    private let value: Mutex<Int64>
    init(_ start: Int64) { value = Mutex(start) }
    var now: Int64 { value.withLock { $0 } }
    func advance(_ seconds: Int64) { value.withLock { $0 += seconds } }
    var function: @Sendable () -> Int64 { { [self] in now } }
}

/// A logger whose lines (level, message and metadata) the test can read back.
final class CapturedLog: Sendable {
    private let logs = CapturedLogs()
    var all: [String] { logs.lines }
    var logger: Logger { logs.logger(label: "test.captured") }
}
