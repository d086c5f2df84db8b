import BerthCrypto
import BerthRPC
import Foundation
import GRDB

/// Recomputes the hash chain of an `audit.db` and checks every signed checkpoint; stops at the first problem and
/// says what it is and where (`AuditV1.VerifyResponse`).
///
/// Used by berth-audit's `Verify` RPC (inside one read transaction, so appends carry on meanwhile) and by
/// `berth audit verify --database FILE --public-key FILE` offline, against a copy of the file.
///
/// What each problem means at sequence n:
/// - `deleted`: no event n although later events or a checkpoint exist (a gap, or a truncated tail).
/// - `inserted`: event n does not belong, and event n+1 is the original event n renumbered.
/// - `reordered`: event n holds bytes or a chain position that belongs to another nearby sequence.
/// - `modified`: event n's bytes, hash or previous hash do not match the chain.
/// - `badSignature`: the checkpoint at n does not verify with the public key.
/// - `checkpointMismatch`: the recomputed hash at n differs from what the checkpoint at n signed (a consistent
///   rewrite of the chain after the checkpoint).
/// - `unanchored`: events before n were pruned and no valid checkpoint vouches for the new genesis.
public struct AuditVerifier: Sendable {
    public let publicKey: ECPublicKey
    /// Rows read per query (memory stays flat on any log size).
    public var pageSize = 10_000
    /// How far to look for the place a misplaced event belongs.
    public var searchWindow: UInt64 = 64

    public init(publicKey: ECPublicKey) { self.publicKey = publicKey }

    struct Row {
        let sequence: UInt64
        let event: [UInt8]
        let previousHash: [UInt8]
        let hash: [UInt8]
    }

    struct Checkpoint {
        let statement: CheckpointStatement
        let signature: [UInt8]
    }

    /// Verifies the database `db` is reading; call it inside one read transaction.
    public func verify(_ db: Database) throws -> AuditV1.VerifyResponse {
        var result = AuditV1.VerifyResponse()
        let checkpoints = try Self.checkpoints(db)
        var nextCheckpoint = checkpoints.startIndex

        var previous = AuditChain.genesis
        var expected: UInt64 = 1
        if let anchor = try SQLRow.fetchOne(db, sql: "SELECT sequence, hash FROM \(AuditSchema.chainAnchor) WHERE id = 1") {
            let sequence = UInt64(anchor["sequence"] as Int64)
            let hash = [UInt8](anchor["hash"] as Data)
            let vouching = checkpoints.first { $0.statement.sequence == sequence }
            guard let vouching, vouching.statement.headHash == hash,
                vouching.statement.isSigned(vouching.signature, by: publicKey)
            else {
                return Self.failure(
                    result, .unanchored, sequence + 1,
                    "events up to \(sequence) were pruned, but no validly signed checkpoint at \(sequence) vouches for "
                        + "the hash the log now starts from")
            }
            previous = hash
            expected = sequence + 1
        }
        result.firstSequence = expected

        // Checkpoints at or before the anchor cover pruned events: only their signatures can be checked.
        while nextCheckpoint < checkpoints.endIndex, checkpoints[nextCheckpoint].statement.sequence < expected {
            let checkpoint = checkpoints[nextCheckpoint]
            guard checkpoint.statement.isSigned(checkpoint.signature, by: publicKey) else {
                return Self.failure(
                    result, .badSignature, checkpoint.statement.sequence,
                    "the checkpoint at \(checkpoint.statement.sequence) is not signed by this public key")
            }
            result.checkpointsChecked += 1
            nextCheckpoint += 1
        }

        while true {
            let page = try Self.rows(db, from: expected, limit: pageSize)
            if page.isEmpty { break }
            for row in page {
                guard row.sequence == expected else {
                    return Self.failure(
                        result, .deleted, expected,
                        "event \(expected) is missing: the next stored event is \(row.sequence)")
                }
                let hash = try AuditChain.hash(previous: previous, sequence: row.sequence, event: row.event)
                guard hash == row.hash, row.previousHash == previous else {
                    let (problem, detail) = try diagnose(db, row: row, previous: previous)
                    return Self.failure(result, problem, row.sequence, detail)
                }
                if nextCheckpoint < checkpoints.endIndex, checkpoints[nextCheckpoint].statement.sequence == row.sequence {
                    let checkpoint = checkpoints[nextCheckpoint]
                    guard checkpoint.statement.isSigned(checkpoint.signature, by: publicKey) else {
                        return Self.failure(
                            result, .badSignature, row.sequence,
                            "the checkpoint at \(row.sequence) is not signed by this public key")
                    }
                    guard checkpoint.statement.headHash == hash else {
                        return Self.failure(
                            result, .checkpointMismatch, row.sequence,
                            "the chain recomputed up to \(row.sequence) does not end in the hash the checkpoint signed: "
                                + "events up to \(row.sequence) were rewritten")
                    }
                    result.checkpointsChecked += 1
                    nextCheckpoint += 1
                }
                previous = hash
                result.eventsChecked += 1
                result.headSequence = row.sequence
                expected += 1
            }
        }
        if nextCheckpoint < checkpoints.endIndex {
            let checkpoint = checkpoints[nextCheckpoint]
            return Self.failure(
                result, .deleted, expected,
                "the log ends at \(expected - 1) but a checkpoint was signed at \(checkpoint.statement.sequence): "
                    + "events from \(expected) were deleted")
        }
        result.ok = true
        return result
    }

    /// Names what is wrong with `row` (which does not chain onto `previous`).
    func diagnose(_ db: Database, row: Row, previous: [UInt8]) throws -> (AuditV1.VerifyProblem, String) {
        let n = row.sequence
        let following = try Self.rows(db, from: n + 1, limit: Int(searchWindow))
        // The whole row (bytes with their own hashes) belongs at another sequence.
        let low = n > searchWindow ? n - searchWindow : 1
        for m in low...(n + searchWindow) where m != n {
            if try AuditChain.hash(previous: row.previousHash, sequence: m, event: row.event) == row.hash {
                return (.reordered, "event \(n) is the event recorded at sequence \(m): events were reordered")
            }
        }
        // The bytes belong to a later row's chain position (bytes swapped between rows).
        for other in following {
            if try AuditChain.hash(previous: other.previousHash, sequence: other.sequence, event: row.event) == other.hash {
                return (.reordered, "event \(n) holds the bytes of event \(other.sequence): events were reordered")
            }
        }
        // Nothing here belongs elsewhere, and the original event n, renumbered to n+1, still chains onto
        // `previous` at position n: something was put in front of it.
        if let next = following.first, next.previousHash == previous,
            try AuditChain.hash(previous: previous, sequence: n, event: next.event) == next.hash
        {
            return (.inserted, "event \(n) was inserted: event \(n + 1) is the original event \(n), renumbered")
        }
        if row.previousHash != previous {
            return (.modified, "event \(n)'s previous hash does not match event \(n - 1)'s hash: the chain was altered")
        }
        return (.modified, "event \(n)'s bytes do not match its hash: the event was modified")
    }

    static func failure(
        _ partial: AuditV1.VerifyResponse, _ problem: AuditV1.VerifyProblem, _ sequence: UInt64, _ detail: String
    ) -> AuditV1.VerifyResponse {
        var result = partial
        result.ok = false
        result.problem = problem
        result.firstBadSequence = sequence
        result.detail = detail
        return result
    }

    static func rows(_ db: Database, from sequence: UInt64, limit: Int) throws -> [Row] {
        try SQLRow.fetchAll(
            db,
            sql: "SELECT sequence, event, previous_hash, hash FROM \(AuditSchema.events) WHERE sequence >= ? "
                + "ORDER BY sequence LIMIT ?",
            arguments: [Int64(sequence), limit]
        ).map { row in
            Row(
                sequence: UInt64(row["sequence"] as Int64), event: [UInt8](row["event"] as Data),
                previousHash: [UInt8](row["previous_hash"] as Data), hash: [UInt8](row["hash"] as Data))
        }
    }

    static func checkpoints(_ db: Database) throws -> [Checkpoint] {
        try SQLRow.fetchAll(
            db,
            sql: "SELECT sequence, head_hash, time_unix_nanos, signature FROM \(AuditSchema.checkpoints) ORDER BY sequence"
        ).map { row in
            Checkpoint(
                statement: CheckpointStatement(
                    sequence: UInt64(row["sequence"] as Int64), headHash: [UInt8](row["head_hash"] as Data),
                    timeUnixNanos: row["time_unix_nanos"]),
                signature: [UInt8](row["signature"] as Data))
        }
    }
}

/// GRDB's row type, named apart from the verifier's own `Row`.
typealias SQLRow = GRDB.Row
