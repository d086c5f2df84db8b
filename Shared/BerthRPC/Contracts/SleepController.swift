/// Swift mirrors of proto/berth/sleep/v1/controller.proto (package berth.sleep.v1): layered policies, manual
/// sleep/wake/keep-awake, sleep state and savings.
extension SleepV1 {
    /// The values one level sets; every "" means "inherit".
    public struct SleepPolicy: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.sleep.v1.SleepPolicy" }
        public var sleepAfter: String
        public var windows: [String]
        public var deleteAfter: String
        public var deleteWarning: String
        public var preventWake: String
        public var keepAwakeUntil: String

        public init(
            sleepAfter: String = "", windows: [String] = [], deleteAfter: String = "", deleteWarning: String = "",
            preventWake: String = "", keepAwakeUntil: String = ""
        ) {
            self.sleepAfter = sleepAfter
            self.windows = windows
            self.deleteAfter = deleteAfter
            self.deleteWarning = deleteWarning
            self.preventWake = preventWake
            self.keepAwakeUntil = keepAwakeUntil
        }
    }

    public struct PolicySource: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.sleep.v1.PolicySource" }
        public var field: String
        public var source: String

        public init(field: String = "", source: String = "") {
            self.field = field
            self.source = source
        }
    }

    public struct SetSleepPolicyRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.sleep.v1.SetSleepPolicyRequest" }
        public var level: String
        public var cluster: String
        public var name: String
        public var policy: SleepPolicy?

        public init(level: String = "", cluster: String = "", name: String = "", policy: SleepPolicy? = nil) {
            self.level = level
            self.cluster = cluster
            self.name = name
            self.policy = policy
        }
    }

    public struct GetSleepPolicyRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.sleep.v1.GetSleepPolicyRequest" }
        public var level: String
        public var cluster: String
        public var name: String

        public init(level: String = "", cluster: String = "", name: String = "") {
            self.level = level
            self.cluster = cluster
            self.name = name
        }
    }

    public struct SleepPolicyView: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.sleep.v1.SleepPolicyView" }
        public var own: SleepPolicy?
        public var effective: SleepPolicy?
        public var sources: [PolicySource]

        public init(own: SleepPolicy? = nil, effective: SleepPolicy? = nil, sources: [PolicySource] = []) {
            self.own = own
            self.effective = effective
            self.sources = sources
        }
    }

    public struct SpaceRef: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.sleep.v1.SpaceRef" }
        public var cluster: String
        public var name: String

        public init(cluster: String = "", name: String = "") {
            self.cluster = cluster
            self.name = name
        }
    }

    public struct WakeSpaceRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.sleep.v1.WakeSpaceRequest" }
        public var space: SpaceRef?
        public var timeoutSeconds: Int64

        public init(space: SpaceRef? = nil, timeoutSeconds: Int64 = 0) {
            self.space = space
            self.timeoutSeconds = timeoutSeconds
        }
    }

    public struct SleepSpaceRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.sleep.v1.SleepSpaceRequest" }
        public var space: SpaceRef?
        public var preventWake: Bool

        public init(space: SpaceRef? = nil, preventWake: Bool = false) {
            self.space = space
            self.preventWake = preventWake
        }
    }

    public struct KeepAwakeRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.sleep.v1.KeepAwakeRequest" }
        public var space: SpaceRef?
        public var untilUnixSeconds: Int64

        public init(space: SpaceRef? = nil, untilUnixSeconds: Int64 = 0) {
            self.space = space
            self.untilUnixSeconds = untilUnixSeconds
        }
    }

    public struct GetSleepStateRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.sleep.v1.GetSleepStateRequest" }
        public var space: SpaceRef?

        public init(space: SpaceRef? = nil) {
            self.space = space
        }
    }

    public struct SleepState: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.sleep.v1.SleepState" }
        public var cluster: String
        public var name: String
        public var state: String
        public var reason: String
        public var changedUnixSeconds: Int64
        public var changed: [String]
        public var skipped: [String]
        public var conflicts: [String]
        public var keepAwakeUntilUnixSeconds: Int64
        public var preventWake: Bool

        public init(
            cluster: String = "", name: String = "", state: String = "", reason: String = "",
            changedUnixSeconds: Int64 = 0, changed: [String] = [], skipped: [String] = [], conflicts: [String] = [],
            keepAwakeUntilUnixSeconds: Int64 = 0, preventWake: Bool = false
        ) {
            self.cluster = cluster
            self.name = name
            self.state = state
            self.reason = reason
            self.changedUnixSeconds = changedUnixSeconds
            self.changed = changed
            self.skipped = skipped
            self.conflicts = conflicts
            self.keepAwakeUntilUnixSeconds = keepAwakeUntilUnixSeconds
            self.preventWake = preventWake
        }
    }

    public struct SavingsReportRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.sleep.v1.SavingsReportRequest" }
        public var sinceUnixSeconds: Int64
        public var team: String

        public init(sinceUnixSeconds: Int64 = 0, team: String = "") {
            self.sinceUnixSeconds = sinceUnixSeconds
            self.team = team
        }
    }

    public struct Savings: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.sleep.v1.Savings" }
        public var cluster: String
        public var space: String
        public var team: String
        public var hoursAsleep: Double
        public var cpuCoreHours: Double
        public var memoryGibHours: Double
        public var cost: Double

        public init(
            cluster: String = "", space: String = "", team: String = "", hoursAsleep: Double = 0,
            cpuCoreHours: Double = 0, memoryGibHours: Double = 0, cost: Double = 0
        ) {
            self.cluster = cluster
            self.space = space
            self.team = team
            self.hoursAsleep = hoursAsleep
            self.cpuCoreHours = cpuCoreHours
            self.memoryGibHours = memoryGibHours
            self.cost = cost
        }
    }

    public struct SavingsReport: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.sleep.v1.SavingsReport" }
        public var sinceUnixSeconds: Int64
        public var untilUnixSeconds: Int64
        public var spaces: [Savings]
        public var teams: [Savings]
        public var total: Savings?

        public init(
            sinceUnixSeconds: Int64 = 0, untilUnixSeconds: Int64 = 0, spaces: [Savings] = [], teams: [Savings] = [],
            total: Savings? = nil
        ) {
            self.sinceUnixSeconds = sinceUnixSeconds
            self.untilUnixSeconds = untilUnixSeconds
            self.spaces = spaces
            self.teams = teams
            self.total = total
        }
    }
}
