/// Swift mirrors of proto/berth/tenancy/v1/tenancy.proto (package berth.tenancy.v1).
public enum TenancyV1 {
    public struct Team: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.Team" }
        public var name: String
        public var displayName: String
        /// Directory groups whose members belong to the team (role member).
        public var groups: [String]
        public var createdUnixSeconds: Int64
        /// Further groups and users with their roles.
        public var members: [TeamMember]
        public var quota: TeamQuota?

        public init(
            name: String = "", displayName: String = "", groups: [String] = [], createdUnixSeconds: Int64 = 0,
            members: [TeamMember] = [], quota: TeamQuota? = nil
        ) {
            self.name = name
            self.displayName = displayName
            self.groups = groups
            self.createdUnixSeconds = createdUnixSeconds
            self.members = members
            self.quota = quota
        }
    }

    /// A group or user of a team with its role (owner, member, viewer).
    public struct TeamMember: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.TeamMember" }
        public var kind: String
        public var name: String
        public var role: String

        public init(kind: String = "", name: String = "", role: String = "") {
            self.kind = kind
            self.name = name
            self.role = role
        }
    }

    /// Limits over all of a team's spaces; 0 or "" is no limit.
    public struct TeamQuota: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.TeamQuota" }
        public var maxSpaces: UInt32
        public var cpu: String
        public var memory: String
        public var storage: String

        public init(maxSpaces: UInt32 = 0, cpu: String = "", memory: String = "", storage: String = "") {
            self.maxSpaces = maxSpaces
            self.cpu = cpu
            self.memory = memory
            self.storage = storage
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

    public struct KeyValue: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.KeyValue" }
        public var key: String
        public var value: String

        public init(key: String = "", value: String = "") {
            self.key = key
            self.value = value
        }
    }

    /// A space: a namespace made from a template version, for a team (or a person when `team` is empty).
    public struct Space: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.Space" }
        public var name: String
        public var cluster: String
        public var team: String
        public var owner: String
        public var template: String
        public var templateVersion: UInt32
        public var values: [KeyValue]
        public var labels: [KeyValue]
        public var ttlSeconds: Int64
        public var expiresUnixSeconds: Int64
        public var deleteProtection: Bool
        public var phase: String
        public var message: String
        public var createdUnixSeconds: Int64

        public init(
            name: String = "", cluster: String = "", team: String = "", owner: String = "", template: String = "",
            templateVersion: UInt32 = 0, values: [KeyValue] = [], labels: [KeyValue] = [], ttlSeconds: Int64 = 0,
            expiresUnixSeconds: Int64 = 0, deleteProtection: Bool = false, phase: String = "", message: String = "",
            createdUnixSeconds: Int64 = 0
        ) {
            self.name = name
            self.cluster = cluster
            self.team = team
            self.owner = owner
            self.template = template
            self.templateVersion = templateVersion
            self.values = values
            self.labels = labels
            self.ttlSeconds = ttlSeconds
            self.expiresUnixSeconds = expiresUnixSeconds
            self.deleteProtection = deleteProtection
            self.phase = phase
            self.message = message
            self.createdUnixSeconds = createdUnixSeconds
        }
    }

    public struct CreateSpaceRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.CreateSpaceRequest" }
        public var space: Space?

        public init(space: Space? = nil) {
            self.space = space
        }
    }

    public struct GetSpaceRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.GetSpaceRequest" }
        public var cluster: String
        public var name: String

        public init(cluster: String = "", name: String = "") {
            self.cluster = cluster
            self.name = name
        }
    }

    public struct ListSpacesRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.ListSpacesRequest" }
        public var cluster: String
        public var team: String
        public var pageSize: UInt32
        public var pageToken: String

        public init(cluster: String = "", team: String = "", pageSize: UInt32 = 0, pageToken: String = "") {
            self.cluster = cluster
            self.team = team
            self.pageSize = pageSize
            self.pageToken = pageToken
        }
    }

    public struct ListSpacesResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.ListSpacesResponse" }
        public var spaces: [Space]
        public var nextPageToken: String

        public init(spaces: [Space] = [], nextPageToken: String = "") {
            self.spaces = spaces
            self.nextPageToken = nextPageToken
        }
    }

    public struct DeleteSpaceRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.DeleteSpaceRequest" }
        public var cluster: String
        public var name: String

        public init(cluster: String = "", name: String = "") {
            self.cluster = cluster
            self.name = name
        }
    }

    public struct TemplateParameter: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.TemplateParameter" }
        public var name: String
        public var description: String
        public var defaultValue: String
        public var required: Bool
        public var pattern: String

        public init(name: String = "", description: String = "", defaultValue: String = "", required: Bool = false, pattern: String = "") {
            self.name = name
            self.description = description
            self.defaultValue = defaultValue
            self.required = required
            self.pattern = pattern
        }
    }

    public struct Template: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.Template" }
        public var name: String
        public var version: UInt32
        public var description: String
        public var podSecurity: String
        public var parameters: [TemplateParameter]
        public var manifests: String

        public init(
            name: String = "", version: UInt32 = 0, description: String = "", podSecurity: String = "",
            parameters: [TemplateParameter] = [], manifests: String = ""
        ) {
            self.name = name
            self.version = version
            self.description = description
            self.podSecurity = podSecurity
            self.parameters = parameters
            self.manifests = manifests
        }
    }

    public struct ListTemplatesRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.ListTemplatesRequest" }
        public init() {}
    }

    public struct ListTemplatesResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.ListTemplatesResponse" }
        public var templates: [Template]

        public init(templates: [Template] = []) {
            self.templates = templates
        }
    }

    public struct CreateTemplateRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.CreateTemplateRequest" }
        public var name: String
        public var definitionYaml: String

        public init(name: String = "", definitionYaml: String = "") {
            self.name = name
            self.definitionYaml = definitionYaml
        }
    }

    public struct GetTemplateRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.GetTemplateRequest" }
        public var name: String
        public var version: UInt32

        public init(name: String = "", version: UInt32 = 0) {
            self.name = name
            self.version = version
        }
    }

    public struct UpgradeSpaceRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.UpgradeSpaceRequest" }
        public var cluster: String
        public var name: String
        public var templateVersion: UInt32

        public init(cluster: String = "", name: String = "", templateVersion: UInt32 = 0) {
            self.cluster = cluster
            self.name = name
            self.templateVersion = templateVersion
        }
    }

    /// A connected Kubernetes API.
    public struct Cluster: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.Cluster" }
        public var name: String
        public var kubeconfig: String
        public var context: String
        public var isDefault: Bool
        public var health: String
        public var message: String
        public var checkedUnixSeconds: Int64

        public init(
            name: String = "", kubeconfig: String = "", context: String = "", isDefault: Bool = false,
            health: String = "", message: String = "", checkedUnixSeconds: Int64 = 0
        ) {
            self.name = name
            self.kubeconfig = kubeconfig
            self.context = context
            self.isDefault = isDefault
            self.health = health
            self.message = message
            self.checkedUnixSeconds = checkedUnixSeconds
        }
    }

    public struct AddClusterRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.AddClusterRequest" }
        public var cluster: Cluster?

        public init(cluster: Cluster? = nil) {
            self.cluster = cluster
        }
    }

    public struct ListClustersRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.ListClustersRequest" }
        public init() {}
    }

    public struct ListClustersResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.ListClustersResponse" }
        public var clusters: [Cluster]

        public init(clusters: [Cluster] = []) {
            self.clusters = clusters
        }
    }

    public struct RemoveClusterRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.RemoveClusterRequest" }
        public var name: String

        public init(name: String = "") {
            self.name = name
        }
    }

    public struct RemoveClusterResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.RemoveClusterResponse" }
        public init() {}
    }

    public struct GetClusterEndpointRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.GetClusterEndpointRequest" }
        /// Empty: the default cluster.
        public var name: String

        public init(name: String = "") {
            self.name = name
        }
    }

    /// Where people reach a cluster's API server (no credentials: they bring their own Berth token).
    public struct ClusterEndpoint: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.ClusterEndpoint" }
        public var name: String
        /// `https://host:6443`.
        public var server: String
        /// Empty: the system trust store.
        public var certificateAuthorityPem: String
        public var insecureSkipTlsVerify: Bool
        public var tlsServerName: String

        public init(
            name: String = "", server: String = "", certificateAuthorityPem: String = "",
            insecureSkipTlsVerify: Bool = false, tlsServerName: String = ""
        ) {
            self.name = name
            self.server = server
            self.certificateAuthorityPem = certificateAuthorityPem
            self.insecureSkipTlsVerify = insecureSkipTlsVerify
            self.tlsServerName = tlsServerName
        }
    }

    public struct UpdateTeamMembersRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.tenancy.v1.UpdateTeamMembersRequest" }
        public var team: String
        public var add: [TeamMember]
        public var remove: [TeamMember]

        public init(team: String = "", add: [TeamMember] = [], remove: [TeamMember] = []) {
            self.team = team
            self.add = add
            self.remove = remove
        }
    }
}
