/// Swift mirrors of proto/berth/tenancy/v1/tenancy.proto (package berth.tenancy.v1).
public enum TenancyV1 {
    public struct Team: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.Team" }
        public var name: String
        public var displayName: String
        /// Directory groups whose members belong to the team.
        public var groups: [String]
        public var createdUnixSeconds: Int64

        public init(name: String = "", displayName: String = "", groups: [String] = [], createdUnixSeconds: Int64 = 0) {
            self.name = name
            self.displayName = displayName
            self.groups = groups
            self.createdUnixSeconds = createdUnixSeconds
        }
    }

    public struct CreateTeamRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.CreateTeamRequest" }
        public var team: Team?

        public init(team: Team? = nil) {
            self.team = team
        }
    }

    public struct ListTeamsRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.ListTeamsRequest" }
        public var pageSize: UInt32
        public var pageToken: String

        public init(pageSize: UInt32 = 0, pageToken: String = "") {
            self.pageSize = pageSize
            self.pageToken = pageToken
        }
    }

    public struct ListTeamsResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.ListTeamsResponse" }
        public var teams: [Team]
        public var nextPageToken: String

        public init(teams: [Team] = [], nextPageToken: String = "") {
            self.teams = teams
            self.nextPageToken = nextPageToken
        }
    }
}
