import BerthModel

/// A named, versioned recipe for a space: the Kubernetes objects every space made from it gets. The defaults
/// (`quota`, `containerDefaults`, `isolateNetwork`, `podSecurity`, `bindTeamRoles`) become a ResourceQuota, a
/// LimitRange, NetworkPolicies, Pod Security Admission labels and RoleBindings; `manifests` adds any other
/// namespaced objects as multi-document YAML. Strings anywhere may use `${parameter}` (see `TemplateRenderer`).
public struct SpaceTemplate: Sendable, Equatable, Codable {
    public var name: DNSLabel
    /// Starts at 1; each change to a template is a new version, and spaces move between versions explicitly.
    public var version: Int
    public var description: String
    /// Extra parameters beyond the built-in `space`, `team` and `owner`.
    public var parameters: [TemplateParameter]
    public var podSecurity: PodSecurityLevel
    public var quota: SpaceQuota?
    public var containerDefaults: ContainerDefaults?
    /// A default-deny NetworkPolicy for ingress plus one that allows traffic from pods of the same space.
    public var isolateNetwork: Bool
    /// RoleBindings from the team's roles (owner, member, viewer) to the `admin`, `edit` and `view` ClusterRoles.
    public var bindTeamRoles: Bool
    /// Labels set on the namespace itself (beside Berth's own and the Pod Security ones).
    public var namespaceLabels: [String: String]
    public var manifests: String
    /// Whether spaces move to a newer version of this template by themselves (`automatic`) or only with
    /// `berth space upgrade` (`manual`, the default).
    public var upgradePolicy: UpgradePolicy = .manual

    public init(
        name: DNSLabel, version: Int = 1, description: String = "", parameters: [TemplateParameter] = [],
        podSecurity: PodSecurityLevel = .baseline, quota: SpaceQuota? = nil, containerDefaults: ContainerDefaults? = nil,
        isolateNetwork: Bool = true, bindTeamRoles: Bool = true, namespaceLabels: [String: String] = [:],
        manifests: String = ""
    ) {
        self.name = name
        self.version = version
        self.description = description
        self.parameters = parameters
        self.podSecurity = podSecurity
        self.quota = quota
        self.containerDefaults = containerDefaults
        self.isolateNetwork = isolateNetwork
        self.bindTeamRoles = bindTeamRoles
        self.namespaceLabels = namespaceLabels
        self.manifests = manifests
    }
}

/// How spaces follow new versions of their template.
public enum UpgradePolicy: String, Sendable, Codable, CaseIterable {
    case manual, automatic
}

extension SpaceTemplate {
    private enum CodingKeys: String, CodingKey {
        case name, version, description, parameters, podSecurity, quota, containerDefaults, isolateNetwork
        case bindTeamRoles, namespaceLabels, manifests, upgradePolicy
    }

    /// Stored versions written before a field existed decode with that field's default.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(DNSLabel.self, forKey: .name),
            version: try container.decode(Int.self, forKey: .version),
            description: try container.decodeIfPresent(String.self, forKey: .description) ?? "",
            parameters: try container.decodeIfPresent([TemplateParameter].self, forKey: .parameters) ?? [],
            podSecurity: try container.decodeIfPresent(PodSecurityLevel.self, forKey: .podSecurity) ?? .baseline,
            quota: try container.decodeIfPresent(SpaceQuota.self, forKey: .quota),
            containerDefaults: try container.decodeIfPresent(ContainerDefaults.self, forKey: .containerDefaults),
            isolateNetwork: try container.decodeIfPresent(Bool.self, forKey: .isolateNetwork) ?? true,
            bindTeamRoles: try container.decodeIfPresent(Bool.self, forKey: .bindTeamRoles) ?? true,
            namespaceLabels: try container.decodeIfPresent([String: String].self, forKey: .namespaceLabels) ?? [:],
            manifests: try container.decodeIfPresent(String.self, forKey: .manifests) ?? "")
        upgradePolicy = try container.decodeIfPresent(UpgradePolicy.self, forKey: .upgradePolicy) ?? .manual
    }
}

/// Pod Security Admission levels, applied as `pod-security.kubernetes.io/{enforce,audit,warn}` namespace labels.
public enum PodSecurityLevel: String, Sendable, Codable, CaseIterable {
    case privileged, baseline, restricted
}

/// The ResourceQuota `hard` amounts a space gets, as Kubernetes quantities ("2", "500m", "8Gi"); nil is no limit.
/// Team quotas sum these over a team's spaces.
public struct SpaceQuota: Sendable, Equatable, Codable {
    public var cpu: String?
    public var memory: String?
    public var storage: String?
    public var pods: String?

    public init(cpu: String? = nil, memory: String? = nil, storage: String? = nil, pods: String? = nil) {
        self.cpu = cpu
        self.memory = memory
        self.storage = storage
        self.pods = pods
    }
}

/// What a container gets when it states no requests or limits (a LimitRange of type Container).
public struct ContainerDefaults: Sendable, Equatable, Codable {
    public var cpuRequest: String
    public var memoryRequest: String
    public var cpuLimit: String?
    public var memoryLimit: String

    public init(cpuRequest: String, memoryRequest: String, cpuLimit: String? = nil, memoryLimit: String) {
        self.cpuRequest = cpuRequest
        self.memoryRequest = memoryRequest
        self.cpuLimit = cpuLimit
        self.memoryLimit = memoryLimit
    }
}
