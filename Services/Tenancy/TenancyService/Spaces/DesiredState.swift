import BerthKube

/// Whether a live object already holds what Berth would apply: every field Berth sets is present with the same
/// value (fields others add — status, defaults, managedFields, other managers' fields — are ignored).
/// Quantities compare by value, because the API server canonicalises them ("0.5" is stored as "500m").
enum DesiredState {
    static func isSatisfied(desired: JSONValue, live: JSONValue) -> Bool {
        switch (desired, live) {
        case (.object(let want), .object(let have)):
            return want.allSatisfy { key, value in have[key].map { isSatisfied(desired: value, live: $0) } ?? false }
        case (.array(let want), .array(let have)):
            return want.count == have.count && zip(want, have).allSatisfy { isSatisfied(desired: $0, live: $1) }
        case (.string(let want), .string(let have)):
            if want == have { return true }
            guard let wantQuantity = Quantity(want), let haveQuantity = Quantity(have) else { return false }
            return wantQuantity == haveQuantity
        case (.int(let want), .double(let have)): return Double(want) == have
        case (.double(let want), .int(let have)): return want == Double(have)
        default:
            return desired == live
        }
    }
}
