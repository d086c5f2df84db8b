/// Swift mirrors of proto/berth/sleep/v1/sleep.proto (package berth.sleep.v1).
public enum SleepV1 {
    public struct SpacePolicy: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.sleep.v1.SpacePolicy" }
        public var space: String
        /// Inactivity after which the space sleeps; 0 means never by inactivity.
        public var sleepAfterSeconds: Int64

        public init(space: String = "", sleepAfterSeconds: Int64 = 0) {
            self.space = space
            self.sleepAfterSeconds = sleepAfterSeconds
        }
    }

    public struct SetPolicyRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.sleep.v1.SetPolicyRequest" }
        public var policy: SpacePolicy?

        public init(policy: SpacePolicy? = nil) {
            self.policy = policy
        }
    }

    public struct GetPolicyRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.sleep.v1.GetPolicyRequest" }
        public var space: String

        public init(space: String = "") {
            self.space = space
        }
    }

    /// One sign of use of a namespace (a space) in a cluster, e.g. a Kubernetes API request by a person.
    public struct Activity: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.sleep.v1.Activity" }
        /// The cluster's Berth name ("" when the sender does not know it).
        public var cluster: String
        public var namespace: String
        /// When it happened, nanoseconds since 1970 (UTC).
        public var timeUnixNanos: Int64
        /// What kind of activity: `kubernetes-request`.
        public var kind: String

        public init(cluster: String = "", namespace: String = "", timeUnixNanos: Int64 = 0, kind: String = "") {
            self.cluster = cluster
            self.namespace = namespace
            self.timeUnixNanos = timeUnixNanos
            self.kind = kind
        }
    }

    public struct RecordActivityRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.sleep.v1.RecordActivityRequest" }
        public var activities: [Activity]

        public init(activities: [Activity] = []) {
            self.activities = activities
        }
    }

    public struct RecordActivityResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.sleep.v1.RecordActivityResponse" }
        /// How many (cluster, namespace) pairs moved their last activity forward.
        public var updated: UInt32

        public init(updated: UInt32 = 0) {
            self.updated = updated
        }
    }

    public struct GetActivityRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.sleep.v1.GetActivityRequest" }
        public var cluster: String
        public var namespace: String

        public init(cluster: String = "", namespace: String = "") {
            self.cluster = cluster
            self.namespace = namespace
        }
    }
}
