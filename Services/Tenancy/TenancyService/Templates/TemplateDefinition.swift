import BerthKube
import BerthModel
import Foundation

/// The YAML an admin writes to define a template version (`berth template create NAME -f FILE`):
///
///     description: Web services with a database
///     podSecurity: restricted            # privileged | baseline | restricted
///     quota: {cpu: "${cpu}", memory: 8Gi, storage: 20Gi, pods: "30"}
///     containerDefaults: {cpuRequest: 100m, memoryRequest: 128Mi, memoryLimit: 512Mi}
///     isolateNetwork: true
///     bindTeamRoles: true
///     upgradePolicy: automatic           # or manual (default): spaces wait for `berth space upgrade`
///     namespaceLabels: {cost-center: "${cost-center}"}
///     parameters:
///     - {name: cpu, default: "2", pattern: "[0-9]+", description: CPU for the space}
///     manifests: |
///       apiVersion: v1
///       kind: ConfigMap
///       ...
///
/// It is parsed with the same limits as manifests (no YAML bombs), unknown keys are refused (a typo must not be
/// silently ignored), and the result is validated by rendering it before it is stored.
enum TemplateDefinition {
    static func parse(_ yaml: String, name: DNSLabel, version: Int) throws(TenancyError) -> SpaceTemplate {
        let documents = try ManifestYAML().documents(yaml)
        guard documents.count == 1, let root = documents.first?.object.objectValue else {
            throw .invalidTemplate(line: nil, "the definition must be one YAML mapping (description, podSecurity, quota, …)")
        }
        let known: Set<String> = [
            "description", "podSecurity", "quota", "containerDefaults", "isolateNetwork", "bindTeamRoles",
            "namespaceLabels", "parameters", "manifests", "upgradePolicy",
        ]
        if let unknown = root.keys.sorted().first(where: { !known.contains($0) }) {
            throw .invalidTemplate(line: nil, "unknown key '\(unknown)' in the definition (known: \(known.sorted().joined(separator: ", ")))")
        }
        var template = SpaceTemplate(name: name, version: version)
        template.description = try string(root["description"], "description") ?? ""
        if let level = try string(root["podSecurity"], "podSecurity") {
            guard let parsed = PodSecurityLevel(rawValue: level) else {
                throw .invalidTemplate(line: nil, "podSecurity '\(level)' is not privileged, baseline or restricted")
            }
            template.podSecurity = parsed
        }
        if let quota = try map(root["quota"], "quota", keys: ["cpu", "memory", "storage", "pods"]) {
            template.quota = SpaceQuota(cpu: quota["cpu"], memory: quota["memory"], storage: quota["storage"], pods: quota["pods"])
        }
        if let defaults = try map(
            root["containerDefaults"], "containerDefaults", keys: ["cpuRequest", "memoryRequest", "cpuLimit", "memoryLimit"])
        {
            guard let cpuRequest = defaults["cpuRequest"], let memoryRequest = defaults["memoryRequest"],
                let memoryLimit = defaults["memoryLimit"]
            else {
                throw .invalidTemplate(line: nil, "containerDefaults needs cpuRequest, memoryRequest and memoryLimit")
            }
            template.containerDefaults = ContainerDefaults(
                cpuRequest: cpuRequest, memoryRequest: memoryRequest, cpuLimit: defaults["cpuLimit"], memoryLimit: memoryLimit)
        }
        if let policy = try string(root["upgradePolicy"], "upgradePolicy") {
            guard let parsed = UpgradePolicy(rawValue: policy) else {
                throw .invalidTemplate(line: nil, "upgradePolicy '\(policy)' is not manual or automatic")
            }
            template.upgradePolicy = parsed
        }
        template.isolateNetwork = try bool(root["isolateNetwork"], "isolateNetwork") ?? true
        template.bindTeamRoles = try bool(root["bindTeamRoles"], "bindTeamRoles") ?? true
        template.namespaceLabels = try map(root["namespaceLabels"], "namespaceLabels", keys: nil) ?? [:]
        template.manifests = try string(root["manifests"], "manifests") ?? ""
        for (index, entry) in (root["parameters"]?.arrayValue ?? []).enumerated() {
            guard let fields = try map(entry, "parameters[\(index)]", keys: ["name", "description", "default", "pattern", "maxLength"]),
                let parameterName = fields["name"]
            else {
                throw .invalidTemplate(line: nil, "parameters[\(index)] needs a name")
            }
            template.parameters.append(
                TemplateParameter(
                    name: parameterName, description: fields["description"] ?? "", defaultValue: fields["default"],
                    pattern: fields["pattern"], maxLength: fields["maxLength"].flatMap(Int.init) ?? 253))
        }
        if root["parameters"] != nil && root["parameters"]?.arrayValue == nil {
            throw .invalidTemplate(line: nil, "parameters must be a list")
        }
        return template
    }

    private static func string(_ value: JSONValue?, _ key: String) throws(TenancyError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case .int(let number)?: return String(number)
        case .double(let number)?: return String(number)
        default: throw .invalidTemplate(line: nil, "\(key) must be a string")
        }
    }

    private static func bool(_ value: JSONValue?, _ key: String) throws(TenancyError) -> Bool? {
        switch value {
        case nil, .null?: return nil
        case .bool(let flag)?: return flag
        default: throw .invalidTemplate(line: nil, "\(key) must be true or false")
        }
    }

    /// A mapping of strings (numbers are taken as their text); `keys` limits the allowed keys.
    private static func map(_ value: JSONValue?, _ key: String, keys: Set<String>?) throws(TenancyError) -> [String: String]? {
        switch value {
        case nil, .null?: return nil
        case .object(let members)?:
            var result: [String: String] = [:]
            for (name, member) in members {
                if let keys, !keys.contains(name) {
                    throw .invalidTemplate(line: nil, "unknown key '\(name)' in \(key) (known: \(keys.sorted().joined(separator: ", ")))")
                }
                result[name] = try string(member, "\(key).\(name)")
            }
            return result
        default: throw .invalidTemplate(line: nil, "\(key) must be a mapping")
        }
    }
}
