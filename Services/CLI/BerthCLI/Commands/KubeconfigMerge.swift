import BerthModel
import Foundation
import Yams

/// Merges Berth's entries into a kubeconfig document: entries with the same name are replaced, every other
/// cluster, user, context and key is kept as it was; `current-context` is only set when the file had none.
struct KubeconfigMerge {
    var document: [String: Any]

    init(yaml: String) throws {
        if yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            document = [:]
        } else {
            guard let loaded = try Yams.load(yaml: yaml) as? [String: Any] else {
                throw ValidationErrorMessage(
                    "the kubeconfig is not a YAML mapping: fix or move it, then run this again")
            }
            document = loaded
        }
        document["apiVersion"] = document["apiVersion"] ?? "v1"
        document["kind"] = document["kind"] ?? "Config"
    }

    /// A user whose credentials come from `berth token --server <server>`.
    mutating func setExecUser(name: String, berthPath: String, server: String) {
        upsert("users", name: name, ["name": name, "user": UserKubeconfig.execUser(command: berthPath, berthServer: server)])
    }

    mutating func setCluster(name: String, server: String, certificateAuthority: String?) {
        var cluster: [String: Any] = ["server": server]
        if let certificateAuthority { cluster["certificate-authority"] = certificateAuthority }
        upsert("clusters", name: name, ["name": name, "cluster": cluster])
    }

    mutating func setContext(name: String, cluster: String, user: String) {
        upsert("contexts", name: name, ["name": name, "context": ["cluster": cluster, "user": user]])
        if (document["current-context"] as? String ?? "").isEmpty { document["current-context"] = name }
    }

    func hasCluster(_ name: String) -> Bool {
        (document["clusters"] as? [[String: Any]] ?? []).contains { $0["name"] as? String == name }
    }

    func yaml() throws -> String { try Yams.dump(object: document, sortKeys: true) }

    private mutating func upsert(_ list: String, name: String, _ entry: [String: Any]) {
        var entries = document[list] as? [[String: Any]] ?? []
        if let index = entries.firstIndex(where: { $0["name"] as? String == name }) {
            entries[index] = entry
        } else {
            entries.append(entry)
        }
        document[list] = entries
    }
}
