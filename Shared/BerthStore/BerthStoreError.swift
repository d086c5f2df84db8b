/// The store module's error: a stable code for programs and a message that names the database, the problem
/// and the fix.
///
/// A struct wrapping a private enum (the swift-service-lifecycle `ServiceGroupError` pattern): adding a case
/// breaks no caller that switches on `code`. `underlying` keeps the SQLite/GRDB error for logs.
public struct BerthStoreError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case cannotOpen, schemaTooNew, migrationFailed, invalidMigrations, backupFailed
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The file cannot be created or opened as a SQLite database.
        public static let cannotOpen = Code(.cannotOpen)
        /// The database was migrated by a newer Berth than this one.
        public static let schemaTooNew = Code(.schemaTooNew)
        /// A migration failed; it was rolled back and the database stays at the previous version.
        public static let migrationFailed = Code(.migrationFailed)
        /// The migration list itself is wrong (a programming error caught at open).
        public static let invalidMigrations = Code(.invalidMigrations)
        /// An online backup could not be written.
        public static let backupFailed = Code(.backupFailed)

        public var description: String { base.rawValue }
    }

    public let code: Code
    public let message: String
    public let underlying: (any Error)?

    public init(code: Code, message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String { message }
}
