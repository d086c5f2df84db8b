import Foundation

/// Swift mirrors of proto/berth/audit/v1/audit.proto (package berth.audit.v1).
public enum AuditV1 {
    /// Who did it.
    public struct Actor: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.audit.v1.Actor" }
        public var subject: String
        public var username: String
        public var groups: [String]
        public var authenticatedBy: String
        public var source: String
        public var userAgent: String

        public init(
            subject: String = "", username: String = "", groups: [String] = [], authenticatedBy: String = "",
            source: String = "", userAgent: String = ""
        ) {
            self.subject = subject
            self.username = username
            self.groups = groups
            self.authenticatedBy = authenticatedBy
            self.source = source
            self.userAgent = userAgent
        }
    }

    /// What it was done to.
    public struct Target: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.audit.v1.Target" }
        public var kind: String
        public var name: String
        public var team: String
        public var space: String
        public var cluster: String

        public init(kind: String = "", name: String = "", team: String = "", space: String = "", cluster: String = "") {
            self.kind = kind
            self.name = name
            self.team = team
            self.space = space
            self.cluster = cluster
        }
    }

    public enum Outcome: Int32, ProtoEnum {
        case unspecified = 0
        case allowed = 1
        case denied = 2
        case failed = 3
    }

    public struct Event: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.audit.v1.Event" }
        /// Client-generated UUID: retries are idempotent.
        public var id: String
        public var timeUnixNanos: Int64
        public var actor: Actor?
        /// Closed vocabulary, see BerthModel.AuditAction.
        public var action: String
        public var target: Target?
        public var outcome: Outcome
        public var reason: String
        public var details: [String: String]

        public init(
            id: String = "", timeUnixNanos: Int64 = 0, actor: Actor? = nil, action: String = "",
            target: Target? = nil, outcome: Outcome = .unspecified, reason: String = "", details: [String: String] = [:]
        ) {
            self.id = id
            self.timeUnixNanos = timeUnixNanos
            self.actor = actor
            self.action = action
            self.target = target
            self.outcome = outcome
            self.reason = reason
            self.details = details
        }
    }

    public struct AppendRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.audit.v1.AppendRequest" }
        public var events: [Event]

        public init(events: [Event] = []) {
            self.events = events
        }
    }

    public struct AppendResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.audit.v1.AppendResponse" }
        /// Sequence numbers assigned to the events, in request order (a duplicate keeps its first sequence).
        public var sequences: [UInt64]
        public var duplicates: UInt32

        public init(sequences: [UInt64] = [], duplicates: UInt32 = 0) {
            self.sequences = sequences
            self.duplicates = duplicates
        }
    }

    /// A stored event with its place in the chain.
    public struct Record: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.audit.v1.Record" }
        public var sequence: UInt64
        public var event: Event?
        public var hash: Data
        public var previousHash: Data

        public init(sequence: UInt64 = 0, event: Event? = nil, hash: Data = Data(), previousHash: Data = Data()) {
            self.sequence = sequence
            self.event = event
            self.hash = hash
            self.previousHash = previousHash
        }
    }

    public struct TailRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.audit.v1.TailRequest" }
        public var limit: UInt32

        public init(limit: UInt32 = 0) {
            self.limit = limit
        }
    }

    public struct TailResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.audit.v1.TailResponse" }
        public var records: [Record]

        public init(records: [Record] = []) {
            self.records = records
        }
    }

    /// Filters are ANDed; an empty field does not filter.
    public struct QueryRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.audit.v1.QueryRequest" }
        /// Events at or after this time (0: no lower bound).
        public var sinceUnixNanos: Int64
        /// Events before this time (0: no upper bound).
        public var untilUnixNanos: Int64
        /// Actor subject or username, exact.
        public var actor: String
        /// `space.` matches `space.created`, `space.deleted`, …
        public var actionPrefix: String
        public var targetKind: String
        public var targetName: String
        public var team: String
        public var space: String
        public var cluster: String
        /// `.unspecified`: any outcome.
        public var outcome: Outcome
        /// Default newest first.
        public var oldestFirst: Bool
        /// 0: 100; at most 1000.
        public var pageSize: UInt32
        /// `nextPageToken` of the previous page, with the same filters.
        public var pageToken: String
        /// Only events after this sequence (`tail -f` polls with it).
        public var afterSequence: UInt64

        public init(
            sinceUnixNanos: Int64 = 0, untilUnixNanos: Int64 = 0, actor: String = "", actionPrefix: String = "",
            targetKind: String = "", targetName: String = "", team: String = "", space: String = "",
            cluster: String = "", outcome: Outcome = .unspecified, oldestFirst: Bool = false, pageSize: UInt32 = 0,
            pageToken: String = "", afterSequence: UInt64 = 0
        ) {
            self.sinceUnixNanos = sinceUnixNanos
            self.untilUnixNanos = untilUnixNanos
            self.actor = actor
            self.actionPrefix = actionPrefix
            self.targetKind = targetKind
            self.targetName = targetName
            self.team = team
            self.space = space
            self.cluster = cluster
            self.outcome = outcome
            self.oldestFirst = oldestFirst
            self.pageSize = pageSize
            self.pageToken = pageToken
            self.afterSequence = afterSequence
        }
    }

    public struct QueryResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.audit.v1.QueryResponse" }
        public var records: [Record]
        /// Empty on the last page.
        public var nextPageToken: String

        public init(records: [Record] = [], nextPageToken: String = "") {
            self.records = records
            self.nextPageToken = nextPageToken
        }
    }

    /// A signed statement of the chain's head: "the event with this sequence has this hash".
    public struct Checkpoint: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.audit.v1.Checkpoint" }
        public var sequence: UInt64
        public var headHash: Data
        public var timeUnixNanos: Int64
        /// ES256, raw r||s (64 bytes) over the checkpoint's signing input.
        public var signature: Data
        /// RFC 7638 JWK thumbprint of the signing key.
        public var keyId: String

        public init(
            sequence: UInt64 = 0, headHash: Data = Data(), timeUnixNanos: Int64 = 0, signature: Data = Data(),
            keyId: String = ""
        ) {
            self.sequence = sequence
            self.headHash = headHash
            self.timeUnixNanos = timeUnixNanos
            self.signature = signature
            self.keyId = keyId
        }
    }

    public struct ListCheckpointsRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.audit.v1.ListCheckpointsRequest" }
        public var afterSequence: UInt64
        /// 0: 100; at most 1000.
        public var limit: UInt32

        public init(afterSequence: UInt64 = 0, limit: UInt32 = 0) {
            self.afterSequence = afterSequence
            self.limit = limit
        }
    }

    public struct ListCheckpointsResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.audit.v1.ListCheckpointsResponse" }
        public var checkpoints: [Checkpoint]
        /// The key that signs checkpoints (verify offline with it).
        public var publicKeyPem: String

        public init(checkpoints: [Checkpoint] = [], publicKeyPem: String = "") {
            self.checkpoints = checkpoints
            self.publicKeyPem = publicKeyPem
        }
    }

    public enum VerifyProblem: Int32, ProtoEnum {
        /// No problem: the log verifies.
        case unspecified = 0
        /// An event's bytes or hash were changed.
        case modified = 1
        /// A sequence is missing (a gap, or the log ends before a checkpoint).
        case deleted = 2
        /// An event was inserted and later ones renumbered.
        case inserted = 3
        /// Events were swapped.
        case reordered = 4
        /// A checkpoint's signature does not verify with the key.
        case badSignature = 5
        /// The recomputed head hash differs from a signed checkpoint.
        case checkpointMismatch = 6
        /// A pruned log whose first kept event is not anchored by a signed checkpoint.
        case unanchored = 7
    }

    public struct VerifyRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.audit.v1.VerifyRequest" }
        public init() {}
    }

    public struct VerifyResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.audit.v1.VerifyResponse" }
        public var ok: Bool
        public var problem: VerifyProblem
        public var firstBadSequence: UInt64
        public var detail: String
        public var eventsChecked: UInt64
        public var checkpointsChecked: UInt64
        public var firstSequence: UInt64
        public var headSequence: UInt64

        public init(
            ok: Bool = false, problem: VerifyProblem = .unspecified, firstBadSequence: UInt64 = 0, detail: String = "",
            eventsChecked: UInt64 = 0, checkpointsChecked: UInt64 = 0, firstSequence: UInt64 = 0,
            headSequence: UInt64 = 0
        ) {
            self.ok = ok
            self.problem = problem
            self.firstBadSequence = firstBadSequence
            self.detail = detail
            self.eventsChecked = eventsChecked
            self.checkpointsChecked = checkpointsChecked
            self.firstSequence = firstSequence
            self.headSequence = headSequence
        }
    }
}
