import BerthKube

/// The objects a template's defaults stand for, before parameter substitution (the amounts may be `${…}`).
enum TemplateDefaultObjects {
    static let quotaName = "berth-quota"
    static let limitRangeName = "berth-limits"
    static let denyIngressName = "berth-default-deny"
    static let allowSameSpaceName = "berth-allow-same-space"

    static func objects(for template: SpaceTemplate) -> [JSONValue] {
        var objects: [JSONValue] = []
        if let quota = template.quota { objects.append(resourceQuota(quota)) }
        if let defaults = template.containerDefaults { objects.append(limitRange(defaults)) }
        if template.isolateNetwork { objects += networkIsolation() }
        return objects
    }

    static func resourceQuota(_ quota: SpaceQuota) -> JSONValue {
        var hard: [String: JSONValue] = [:]
        if let cpu = quota.cpu {
            hard["requests.cpu"] = .string(cpu)
            hard["limits.cpu"] = .string(cpu)
        }
        if let memory = quota.memory {
            hard["requests.memory"] = .string(memory)
            hard["limits.memory"] = .string(memory)
        }
        if let storage = quota.storage { hard["requests.storage"] = .string(storage) }
        if let pods = quota.pods { hard["pods"] = .string(pods) }
        return [
            "apiVersion": "v1", "kind": "ResourceQuota", "metadata": ["name": .string(quotaName)],
            "spec": ["hard": .object(hard)],
        ]
    }

    static func limitRange(_ defaults: ContainerDefaults) -> JSONValue {
        var limit: [String: JSONValue] = ["memory": .string(defaults.memoryLimit)]
        if let cpu = defaults.cpuLimit { limit["cpu"] = .string(cpu) }
        return [
            "apiVersion": "v1", "kind": "LimitRange", "metadata": ["name": .string(limitRangeName)],
            "spec": [
                "limits": [
                    [
                        "type": "Container",
                        "defaultRequest": ["cpu": .string(defaults.cpuRequest), "memory": .string(defaults.memoryRequest)],
                        "default": .object(limit),
                    ]
                ]
            ],
        ]
    }

    /// Default-deny for ingress, then allow from every pod of the same namespace (an empty podSelector in `from`
    /// means this namespace only). Egress stays open: DNS and image pulls must work without site-specific rules.
    static func networkIsolation() -> [JSONValue] {
        [
            [
                "apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
                "metadata": ["name": .string(denyIngressName)],
                "spec": ["podSelector": [:], "policyTypes": ["Ingress"]],
            ],
            [
                "apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
                "metadata": ["name": .string(allowSameSpaceName)],
                "spec": ["podSelector": [:], "policyTypes": ["Ingress"], "ingress": [["from": [["podSelector": [:]]]]]],
            ],
        ]
    }

    /// One RoleBinding per role that has subjects, named `berth-<role>`, binding the role's ClusterRole.
    static func roleBindings(_ subjects: RoleSubjects, prefixes: SubjectPrefixes) -> [JSONValue] {
        TeamRole.allCases.compactMap { role in
            let groups = (subjects.groups[role] ?? []).sorted().map { group -> JSONValue in
                ["kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": .string(prefixes.groups + group)]
            }
            let users = (subjects.users[role] ?? []).sorted().map { user -> JSONValue in
                ["kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": .string(prefixes.username + user)]
            }
            guard !(groups.isEmpty && users.isEmpty) else { return nil }
            return [
                "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
                "metadata": ["name": .string("berth-\(role.rawValue)")],
                "roleRef": [
                    "apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": .string(role.clusterRole),
                ],
                "subjects": .array(groups + users),
            ]
        }
    }
}
