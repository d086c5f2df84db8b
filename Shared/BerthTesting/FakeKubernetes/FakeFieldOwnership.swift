import BerthKube
import Foundation

/// Server-side apply field ownership, simplified: a manager owns *leaf paths* (a scalar, a list — lists are atomic
/// here, the real server merges lists with keys —, or an empty map). Conflicts are checked per leaf path (or a
/// path that is a prefix of another manager's). Stored in `metadata.managedFields` as FieldsV1 (`f:` keys), so
/// clients that read managedFields see the real shape.
struct FakeFieldOwnership {
    typealias Path = [String]

    struct Entry {
        var manager: String
        var operation: String
        var apiVersion: String
        var time: String
        var paths: Set<Path>
    }

    var entries: [Entry]

    /// Metadata and top-level keys the server owns, never a field manager.
    static let serverFields: Set<Path> = [
        ["apiVersion"], ["kind"], ["status"], ["metadata", "name"], ["metadata", "namespace"],
        ["metadata", "resourceVersion"], ["metadata", "uid"], ["metadata", "creationTimestamp"],
        ["metadata", "generation"], ["metadata", "managedFields"], ["metadata", "deletionTimestamp"],
    ]

    static func leafPaths(_ value: JSONValue, prefix: Path = []) -> Set<Path> {
        if Self.serverFields.contains(prefix) { return [] }
        if case .object(let members) = value, !members.isEmpty {
            var paths: Set<Path> = []
            for (key, member) in members { paths.formUnion(leafPaths(member, prefix: prefix + [key])) }
            return paths
        }
        return prefix.isEmpty ? [] : [prefix]
    }

    init(object: JSONValue?) {
        entries = (object?[path: ["metadata", "managedFields"]]?.arrayValue ?? []).compactMap { entry in
            guard let manager = entry["manager"]?.stringValue else { return nil }
            var paths: Set<Path> = []
            Self.collect(entry["fieldsV1"] ?? [:], prefix: [], into: &paths)
            return Entry(
                manager: manager, operation: entry["operation"]?.stringValue ?? "Update",
                apiVersion: entry["apiVersion"]?.stringValue ?? "", time: entry["time"]?.stringValue ?? "", paths: paths)
        }
    }

    private static func collect(_ fields: JSONValue, prefix: Path, into paths: inout Set<Path>) {
        guard let members = fields.objectValue, !members.isEmpty else {
            if !prefix.isEmpty { paths.insert(prefix) }
            return
        }
        for (key, member) in members where key.hasPrefix("f:") {
            collect(member, prefix: prefix + [String(key.dropFirst(2))], into: &paths)
        }
    }

    static func overlaps(_ a: Path, _ b: Path) -> Bool {
        a.starts(with: b) || b.starts(with: a)
    }

    /// The managedFields array to store.
    var json: JSONValue {
        .array(
            entries.filter { !$0.paths.isEmpty }.map { entry in
                var fields: JSONValue = [:]
                for path in entry.paths { fields[path: path.map { "f:" + $0 }] = [:] }
                return [
                    "manager": .string(entry.manager), "operation": .string(entry.operation),
                    "apiVersion": .string(entry.apiVersion), "time": .string(entry.time), "fieldsType": "FieldsV1",
                    "fieldsV1": fields,
                ]
            })
    }

    /// An Update (create, replace, merge patch) by `manager` takes the leaf paths whose values changed.
    mutating func recordUpdate(manager: String, old: JSONValue?, new: JSONValue, apiVersion: String, time: String) {
        let newPaths = Self.leafPaths(new)
        let changed = newPaths.filter { old?[path: $0] != new[path: $0] }
        for index in entries.indices {
            entries[index].paths = entries[index].paths.filter { path in
                newPaths.contains(path) && !changed.contains(where: { Self.overlaps($0, path) })
            }
        }
        if changed.isEmpty { return }
        if let index = entries.firstIndex(where: { $0.manager == manager && $0.operation == "Update" }) {
            entries[index].paths.formUnion(changed)
            entries[index].time = time
        } else {
            entries.append(Entry(manager: manager, operation: "Update", apiVersion: apiVersion, time: time, paths: changed))
        }
    }

    struct Conflict {
        var manager: String
        var path: Path
    }

    enum ApplyOutcome {
        case success(JSONValue)
        case failure([Conflict])
    }

    /// Server-side apply of `applied` by `manager` onto `existing`: the merged object, or the conflicts.
    mutating func apply(
        manager: String, applied: JSONValue, existing: JSONValue?, force: Bool, apiVersion: String, time: String
    ) -> ApplyOutcome {
        let appliedPaths = Self.leafPaths(applied)
        var conflicts: [Conflict] = []
        for entry in entries where entry.manager != manager || entry.operation != "Apply" {
            if entry.manager == manager { continue }
            for owned in entry.paths {
                for path in appliedPaths where Self.overlaps(owned, path) && existing?[path: owned] != applied[path: owned] {
                    conflicts.append(Conflict(manager: entry.manager, path: owned))
                }
            }
        }
        if !conflicts.isEmpty && !force { return .failure(conflicts) }
        // Forced (or same-valued) paths are taken from other managers only when the values differ.
        for index in entries.indices where entries[index].manager != manager {
            let owner = entries[index].manager
            entries[index].paths = entries[index].paths.filter { owned in
                !conflicts.contains { $0.path == owned && $0.manager == owner }
            }
        }
        var result = existing ?? [:]
        let previous = entries.first { $0.manager == manager && $0.operation == "Apply" }?.paths ?? []
        let ownedByOthers = entries.filter { $0.manager != manager }.reduce(into: Set<Path>()) { $0.formUnion($1.paths) }
        for dropped in previous.subtracting(appliedPaths) where !ownedByOthers.contains(where: { Self.overlaps($0, dropped) }) {
            result[path: dropped] = nil
        }
        for path in appliedPaths { result[path: path] = applied[path: path] }
        result["apiVersion"] = applied["apiVersion"]
        result[path: ["metadata", "name"]] = applied[path: ["metadata", "name"]]
        result[path: ["metadata", "namespace"]] = applied[path: ["metadata", "namespace"]]
        result["kind"] = applied["kind"]
        if let index = entries.firstIndex(where: { $0.manager == manager && $0.operation == "Apply" }) {
            entries[index].paths = appliedPaths
            if existing?[path: ["metadata", "managedFields"]] == nil || result != existing { entries[index].time = time }
        } else {
            entries.append(Entry(manager: manager, operation: "Apply", apiVersion: apiVersion, time: time, paths: appliedPaths))
        }
        return .success(result)
    }
}

extension FakeFieldOwnership.Path {
    /// `.spec.replicas`, the way conflict messages name a field.
    var dotted: String { "." + joined(separator: ".") }
}
