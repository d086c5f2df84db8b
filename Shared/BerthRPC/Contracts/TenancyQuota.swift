// Swift mirrors of proto/berth/tenancy/v1/quota.proto (`TeamQuota` itself stays in Tenancy.swift beside `Team`).
extension TenancyV1 {
    /// What a team's spaces take, summed over their templates' ResourceQuotas; "" when the sum is unknown.
    public struct TeamUsage: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.TeamUsage" }
        public var spaces: UInt32
        public var cpu: String
        public var memory: String
        public var storage: String

        public init(spaces: UInt32 = 0, cpu: String = "", memory: String = "", storage: String = "") {
            self.spaces = spaces
            self.cpu = cpu
            self.memory = memory
            self.storage = storage
        }
    }

    public struct GetTeamQuotaRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.GetTeamQuotaRequest" }
        public var team: String

        public init(team: String = "") { self.team = team }
    }

    /// The whole new quota (0 or "" is no limit); lowering it below the usage is allowed.
    public struct SetTeamQuotaRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.SetTeamQuotaRequest" }
        public var team: String
        public var quota: TeamQuota?

        public init(team: String = "", quota: TeamQuota? = nil) {
            self.team = team
            self.quota = quota
        }
    }

    /// A team's quota with its usage and the limits the usage passes (`spaces`, `cpu`, `memory`, `storage`).
    public struct TeamQuotaStatus: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.TeamQuotaStatus" }
        public var team: String
        public var quota: TeamQuota?
        public var usage: TeamUsage?
        public var exceeded: [String]

        public init(team: String = "", quota: TeamQuota? = nil, usage: TeamUsage? = nil, exceeded: [String] = []) {
            self.team = team
            self.quota = quota
            self.usage = usage
            self.exceeded = exceeded
        }
    }
}
