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
}
