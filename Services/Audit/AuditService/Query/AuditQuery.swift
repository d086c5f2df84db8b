import BerthCrypto
import BerthModel
import BerthRPC
import GRDB

/// A validated `QueryRequest` as SQL over the indexed columns of `events`.
///
/// Each equality filter has its own index whose entries end with the sequence (the rowid), so SQLite answers
/// "newest n matching" by walking one index backwards. An action prefix of the form `noun.` uses the
/// `action_noun` column; a whole action uses `action`; any other prefix is a range on `action`.
struct AuditQuery: Sendable, Equatable {
    static let defaultPageSize = 100
    static let maxPageSize = 1000

    var request: AuditV1.QueryRequest
    var pageSize: Int
    /// From the page token: continue after (oldest first) or before (newest first) this sequence.
    var cursor: UInt64?

    init(_ request: AuditV1.QueryRequest) throws(AuditError) {
        self.request = request
        pageSize = request.pageSize == 0 ? Self.defaultPageSize : min(Int(request.pageSize), Self.maxPageSize)
        cursor = request.pageToken.isEmpty ? nil : try PageToken.decode(request.pageToken, oldestFirst: request.oldestFirst)
        if request.untilUnixNanos != 0, request.untilUnixNanos <= request.sinceUnixNanos {
            throw AuditError(
                code: .invalidQuery,
                message: "query time range is empty (until \(request.untilUnixNanos) is not after since "
                    + "\(request.sinceUnixNanos)): give an until later than since, or 0 for no upper bound")
        }
    }

    func sql(limit: Int) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        func add(_ condition: String, _ values: any DatabaseValueConvertible...) {
            conditions.append(condition)
            arguments.append(contentsOf: values)
        }
        let r = request
        if r.afterSequence > 0 { add("sequence > ?", Int64(clamping: r.afterSequence)) }
        if let cursor { add(r.oldestFirst ? "sequence > ?" : "sequence < ?", Int64(clamping: cursor)) }
        if r.sinceUnixNanos != 0 { add("time_unix_nanos >= ?", r.sinceUnixNanos) }
        if r.untilUnixNanos != 0 { add("time_unix_nanos < ?", r.untilUnixNanos) }
        if !r.actor.isEmpty { add("(actor_subject = ? OR actor_username = ?)", r.actor, r.actor) }
        if !r.actionPrefix.isEmpty {
            let prefix = r.actionPrefix
            if prefix.hasSuffix("."), prefix.filter({ $0 == "." }).count == 1 {
                add("action_noun = ?", String(prefix.dropLast()))
            } else if AuditAction.all.contains(prefix) {
                add("action = ?", prefix)
            } else if let upper = Self.successor(of: prefix) {
                add("action >= ? AND action < ?", prefix, upper)
            } else {
                add("action >= ?", prefix)
            }
        }
        if !r.targetKind.isEmpty { add("target_kind = ?", r.targetKind) }
        if !r.targetName.isEmpty { add("target_name = ?", r.targetName) }
        if !r.team.isEmpty { add("team = ?", r.team) }
        if !r.space.isEmpty { add("space = ?", r.space) }
        if !r.cluster.isEmpty { add("cluster = ?", r.cluster) }
        if r.outcome != .unspecified { add("outcome = ?", r.outcome.rawValue) }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT sequence, event, previous_hash, hash FROM events\(whereClause) ORDER BY sequence "
            + (r.oldestFirst ? "ASC" : "DESC") + " LIMIT ?"
        arguments.append(limit)
        return (sql, StatementArguments(arguments.map { $0.databaseValue }))
    }

    /// The smallest string greater than every string starting with `prefix` (byte order), if any.
    static func successor(of prefix: String) -> String? {
        var bytes = Array(prefix.utf8)
        while let last = bytes.last {
            if last < 0x7F {
                bytes[bytes.count - 1] = last + 1
                return String(decoding: bytes, as: UTF8.self)
            }
            bytes.removeLast()
        }
        return nil
    }
}

/// The opaque page token: base64url of `v1:<order>:<sequence>` (the last sequence of the previous page).
enum PageToken {
    static func encode(lastSequence: UInt64, oldestFirst: Bool) -> String {
        Base64URL.encode(Array("v1:\(oldestFirst ? "asc" : "desc"):\(lastSequence)".utf8))
    }

    static func decode(_ token: String, oldestFirst: Bool) throws(AuditError) -> UInt64 {
        let invalid = AuditError(
            code: .invalidQuery,
            message: "page token \"\(token)\" is not one this service issued for this order: "
                + "pass next_page_token from the previous page unchanged, with the same filters and order")
        guard let bytes = Base64URL.decode(token) else { throw invalid }
        let parts = String(decoding: bytes, as: UTF8.self).split(separator: ":")
        guard parts.count == 3, parts[0] == "v1", parts[1] == (oldestFirst ? "asc" : "desc"),
            let sequence = UInt64(parts[2])
        else { throw invalid }
        return sequence
    }
}
