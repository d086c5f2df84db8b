import GRDB

/// One numbered schema change. Versions start at 1 and increase by one; each migration runs in its own
/// transaction together with its row in `berth_schema_migrations`, so it is applied completely or not at all.
///
/// Migrations are append-only: once released, a migration's version and effect never change (a database in
/// the field has already run it). Fix mistakes with a new migration.
public struct Migration: Sendable {
    public let version: Int
    /// A short description recorded in the database (`create users`), for people reading the table.
    public let name: String
    let apply: @Sendable (Database) throws -> Void

    /// A migration written as SQL (one or more statements).
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.apply = { db in try db.execute(sql: sql) }
    }

    /// A migration written as Swift, for data changes SQL cannot express. It runs inside the migration's
    /// transaction: do not begin or commit transactions in it.
    public init(version: Int, name: String, apply: @escaping @Sendable (Database) throws -> Void) {
        self.version = version
        self.name = name
        self.apply = apply
    }
}
