import BerthModel

/// The templates every installation starts with. `default`: baseline Pod Security, a modest quota with
/// parameters to raise it, container defaults, network isolation, team role bindings. `restricted`: the same
/// with the `restricted` Pod Security level, a smaller quota, and no default service-account token mounting.
public enum BuiltInTemplates {
    public static var all: [SpaceTemplate] { [standard, restricted] }

    public static var standard: SpaceTemplate {
        SpaceTemplate(
            name: label("default"), version: 1,
            description: "A space for a team's workloads: baseline Pod Security, quota, network isolation",
            parameters: quotaParameters(cpu: "4", memory: "8Gi", storage: "50Gi"),
            podSecurity: .baseline,
            quota: SpaceQuota(cpu: "${cpu}", memory: "${memory}", storage: "${storage}", pods: "50"),
            containerDefaults: ContainerDefaults(cpuRequest: "100m", memoryRequest: "128Mi", memoryLimit: "512Mi"),
            isolateNetwork: true, bindTeamRoles: true)
    }

    public static var restricted: SpaceTemplate {
        SpaceTemplate(
            name: label("restricted"), version: 1,
            description: "A locked-down space: restricted Pod Security, small quota, no automatic API tokens",
            parameters: quotaParameters(cpu: "2", memory: "4Gi", storage: "20Gi"),
            podSecurity: .restricted,
            quota: SpaceQuota(cpu: "${cpu}", memory: "${memory}", storage: "${storage}", pods: "20"),
            containerDefaults: ContainerDefaults(
                cpuRequest: "50m", memoryRequest: "64Mi", cpuLimit: "1", memoryLimit: "256Mi"),
            isolateNetwork: true, bindTeamRoles: true,
            manifests: """
                # The default service account mounts no API token unless a pod asks for one.
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: default
                automountServiceAccountToken: false
                """)
    }

    /// Kubernetes quantities: digits with an optional decimal part and an SI or binary suffix.
    static let quantityPattern = #"[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|Ki|Mi|Gi|Ti|Pi)?"#

    private static func quotaParameters(cpu: String, memory: String, storage: String) -> [TemplateParameter] {
        [
            TemplateParameter(name: "cpu", description: "CPU for the whole space (requests and limits)", defaultValue: cpu, pattern: quantityPattern, maxLength: 16),
            TemplateParameter(name: "memory", description: "memory for the whole space (requests and limits)", defaultValue: memory, pattern: quantityPattern, maxLength: 16),
            TemplateParameter(name: "storage", description: "persistent volume claims' total requests", defaultValue: storage, pattern: quantityPattern, maxLength: 16),
        ]
    }

    private static func label(_ name: StaticString) -> DNSLabel {
        // Only literals reach here; a typo fails every template test on the first run.
        guard let label = DNSLabel(rawValue: "\(name)") else {
            preconditionFailure("built-in template name \(name) is not a DNS-1123 label")
        }
        return label
    }
}
