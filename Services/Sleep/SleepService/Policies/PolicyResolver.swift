import BerthRPC
import Foundation

/// Merges the levels: space over team over cluster over built-in defaults, remembering where each value came from.
struct ResolvedPolicy: Sendable, Equatable {
    var values: SleepPolicyValues
    /// Field name → "space main/dev", "team payments", "cluster main" or "default".
    var sources: [String: String]

    var effective: EffectiveSleepPolicy {
        EffectiveSleepPolicy(
            sleepAfter: values.sleepAfter ?? nil, windows: values.windows ?? [], deleteAfter: values.deleteAfter ?? nil,
            deleteWarning: values.deleteWarning ?? .seconds(86_400), keepAwakeUntil: values.keepAwakeUntil ?? nil,
            preventWake: values.preventWake ?? false)
    }

    var wireSources: [SleepV1.PolicySource] {
        sources.keys.sorted().map { SleepV1.PolicySource(field: $0, source: sources[$0] ?? "default") }
    }

    /// `levels` most specific first; a level missing from `stored` sets nothing.
    static func resolve(_ levels: [PolicyScope], stored: [String: SleepV1.SleepPolicy]) throws(SleepError) -> ResolvedPolicy {
        var layers: [(String, SleepPolicyValues)] = []
        for scope in levels {
            guard let wire = stored[scope.key] else { continue }
            layers.append((scope.description, try SleepPolicyValues(validating: wire)))
        }
        layers.append(("default", .defaults))
        var result = ResolvedPolicy(values: SleepPolicyValues(), sources: [:])
        func pick<T>(_ field: String, _ path: WritableKeyPath<SleepPolicyValues, T?>) {
            for (source, layer) in layers {
                if let value = layer[keyPath: path] {
                    result.values[keyPath: path] = value
                    result.sources[field] = source
                    return
                }
            }
        }
        pick("sleepAfter", \.sleepAfter)
        pick("windows", \.windows)
        pick("deleteAfter", \.deleteAfter)
        pick("deleteWarning", \.deleteWarning)
        pick("preventWake", \.preventWake)
        pick("keepAwakeUntil", \.keepAwakeUntil)
        return result
    }

    /// The levels of a space, most specific first (a personal space has no team).
    static func levels(cluster: String, team: String, space: String) -> [PolicyScope] {
        [.space(cluster: cluster, name: space)] + (team.isEmpty ? [] : [.team(team)]) + [.cluster(cluster)]
    }
}
