import BerthModel

/// The level a sleep policy is set at. A space's effective policy is its own over its team's over its cluster's
/// over the built-in defaults (`SleepPolicyValues.defaults`).
enum PolicyScope: Sendable, Hashable, CustomStringConvertible {
    case cluster(String)
    case team(String)
    case space(cluster: String, name: String)

    /// The row key in `sleep_policies`.
    var key: String {
        switch self {
        case .cluster(let name): "cluster:\(name)"
        case .team(let name): "team:\(name)"
        case .space(let cluster, let name): "space:\(cluster)/\(name)"
        }
    }

    /// How a value's source is shown: "space main/dev", "team payments", "cluster main".
    var description: String {
        switch self {
        case .cluster(let name): "cluster \(name)"
        case .team(let name): "team \(name)"
        case .space(let cluster, let name): "space \(cluster)/\(name)"
        }
    }

    /// Validates a request's level and names; a space's cluster must already be resolved (not "").
    static func parse(level: String, cluster: String, name: String) throws(SleepError) -> PolicyScope {
        switch level {
        case "cluster": return .cluster(try SleepNames.label(cluster.isEmpty ? name : cluster, kind: "cluster name"))
        case "team": return .team(try SleepNames.label(name, kind: "team name"))
        case "space", "": return .space(cluster: try SleepNames.label(cluster, kind: "cluster name"), name: try SleepNames.label(name, kind: "space name"))
        default:
            throw SleepError(
                code: .invalidArgument, message: "policy level \"\(level)\" is unknown: use cluster, team or space")
        }
    }
}

/// Name validation shared by the handlers: DNS-1123 labels, with sleep's error type.
enum SleepNames {
    static func label(_ name: String, kind: String) throws(SleepError) -> String {
        do {
            return try DNSLabel(name, kind: kind).rawValue
        } catch {
            throw SleepError(code: .invalidArgument, message: error.message)
        }
    }
}
