import Foundation
import GRDB
import Logging

/// A service's SQLite database: a GRDB `DatabasePool` in WAL mode with Berth's settings, migrated at open.
///
/// Settings on every connection: `foreign_keys=ON`, `busy_timeout`; on the writer: `synchronous` (FULL by
/// default: a committed transaction survives power loss). The file (and its `-wal`/`-shm` companions, which
/// SQLite creates with the database's mode) is 0600: only the owning service's user reads it.
///
/// Services build their store protocols on `read`/`write` (or on `pool` directly); one process opens each
/// database (ARCHITECTURE.md), so the pool's single writer serializes all writes.
public final class BerthDatabase: Sendable {
    /// The GRDB pool, for what `read`/`write` do not cover (observation, async access, snapshots).
    public let pool: DatabasePool
    public let path: String
    /// The schema version after the migrations at open.
    public let schemaVersion: Int

    private init(pool: DatabasePool, path: String, schemaVersion: Int) {
        self.pool = pool
        self.path = path
        self.schemaVersion = schemaVersion
    }

    /// Opens (creating it 0600 if missing) and migrates the database at `path`.
    ///
    /// Throws `BerthStoreError`: `.cannotOpen`, `.schemaTooNew` (written by a newer Berth: the database is
    /// left untouched), `.migrationFailed` (that migration rolled back; earlier ones stay applied),
    /// `.invalidMigrations`.
    public static func open(
        path: String, migrations: [Migration], synchronous: Synchronous = .full,
        busyTimeout: Duration = .seconds(5), logger: Logger,
        programName: String = ProcessInfo.processInfo.processName,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws -> BerthDatabase {
        let name = (path as NSString).lastPathComponent
        try createPrivateFile(path, name: name)

        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(TimeInterval(busyTimeout.components.seconds)
            + TimeInterval(busyTimeout.components.attoseconds) / 1e18)
        configuration.label = name

        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB sets synchronous=NORMAL when it enables WAL on the writer; set ours after it. The pool keeps
            // one writer connection for its lifetime, so this holds for every write.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = \(synchronous.pragmaValue)")
            }
        } catch {
            throw BerthStoreError(
                code: .cannotOpen,
                message: "cannot open \(path) as a SQLite database (\(error)): check that it is a Berth database "
                    + "and that the disk is not full or read-only",
                underlying: error)
        }

        let migrator = SchemaMigrator(migrations: migrations, databaseName: name, programName: programName, now: now)
        let applied = try migrator.migrate(pool)
        let version = try pool.read { db in try SchemaMigrator.currentVersion(db) }
        if !applied.isEmpty {
            logger.info(
                "database migrated",
                metadata: [
                    "database": "\(path)", "applied": "\(applied.map(String.init).joined(separator: ","))",
                    "schema_version": "\(version)",
                ])
        }
        return BerthDatabase(pool: pool, path: path, schemaVersion: version)
    }

    /// Runs `body` in a read transaction (a consistent snapshot; runs concurrently with writes).
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }

    /// Runs `body` in a write transaction: committed when it returns, rolled back when it throws.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.write(body)
    }

    /// Async forms, for callers on the cooperative pool: GRDB waits off it.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await pool.read(body)
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await pool.write(body)
    }

    /// Writes a consistent copy of the database to a new file at `destination` (0600), with SQLite's online
    /// backup API from a read snapshot: writers keep going while it runs. Refuses to overwrite a file.
    public func backup(to destination: String) throws {
        if FileManager.default.fileExists(atPath: destination) {
            throw BerthStoreError(
                code: .backupFailed,
                message: "backup destination \(destination) already exists: choose a new file name "
                    + "(a backup never overwrites)")
        }
        do {
            try Self.createPrivateFile(destination, name: (destination as NSString).lastPathComponent)
            let copy = try DatabaseQueue(path: destination)
            try pool.backup(to: copy)
            try copy.close()
        } catch {
            try? FileManager.default.removeItem(atPath: destination)
            if let error = error as? BerthStoreError { throw error }
            throw BerthStoreError(
                code: .backupFailed,
                message: "backup of \(path) to \(destination) failed (\(error)): check free space and that the "
                    + "destination directory is writable",
                underlying: error)
        }
    }

    /// Closes every connection; later calls throw. Optional: connections also close when the object goes.
    public func close() throws {
        try pool.close()
    }

    /// Creates an empty file with mode 0600 if none exists, before SQLite creates it with the umask's mode.
    private static func createPrivateFile(_ path: String, name: String) throws {
        let descriptor = Foundation.open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno)).lowercased()
            throw BerthStoreError(
                code: .cannotOpen,
                message: "cannot create or open \(path): \(reason): check that paths.stateDir exists and is "
                    + "owned by the user running Berth")
        }
        Foundation.close(descriptor)
    }
}

extension BerthDatabase {
    /// SQLite `PRAGMA synchronous` for the writer. `full` loses no committed transaction on power loss;
    /// `normal` (WAL) may lose the last ones but never corrupts.
    public enum Synchronous: String, Sendable, CaseIterable {
        case full
        case normal

        var pragmaValue: String { rawValue.uppercased() }
    }
}
