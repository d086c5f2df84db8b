import BerthCrypto
import BerthRPC
import Foundation
import GRDB

extension AuditVerifier {
    /// Verifies a copy of `audit.db` at `path`, opened read-only (the file is never changed; a `-wal` beside it
    /// is read if present).
    public func verify(databaseAt path: String) throws -> AuditV1.VerifyResponse {
        guard FileManager.default.fileExists(atPath: path) else {
            throw AuditVerifyError("no database at \(path): pass a copy of audit.db (berth admin backup makes one)")
        }
        var configuration = Configuration()
        configuration.readonly = true
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw AuditVerifyError("cannot open \(path) as a SQLite database (\(error)): pass a copy of audit.db")
        }
        return try queue.read { db in
            guard try db.tableExists(AuditSchema.events), try db.tableExists(AuditSchema.checkpoints) else {
                throw AuditVerifyError("\(path) has no audit events or checkpoints table: it is not an audit.db")
            }
            return try verify(db)
        }
    }
}

/// A verification that could not run (not a verification that found a problem: that is a `VerifyResponse`).
public struct AuditVerifyError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
