import BerthModel
import BerthRPC

/// Which Kubernetes API requests count as activity of a space for berth-sleep (its inactivity timer), decided on
/// the `kubernetes.request` audit events the webhook stored. A request counts when all of these hold:
///
/// 1. It is namespaced (the event's `target.space`, kube's `objectRef.namespace`, is set): cluster-scoped calls
///    say nothing about one space.
/// 2. Its user is not a Kubernetes system component: usernames starting with `system:` are excluded
///    (`system:kube-controller-manager`, `system:kube-scheduler`, `system:node:<n>`, `system:apiserver`, …),
///    except service accounts (`system:serviceaccount:<namespace>:<name>`) of namespaces not starting with
///    `kube-` — so `system:serviceaccount:kube-system:*` is excluded, a team's CI service account is not.
/// 3. It is not a read (`get`, `list`, `watch`) by a service account: controllers and operators, Berth's own
///    service account among them, poll and watch all the time, and that is no sign anyone uses the space.
///    Writes by service accounts (a CI deploy) and every request of a person count.
///
/// Failed and denied requests count too: someone tried to use the space.
enum KubernetesActivityRule {
    static let kind = "kubernetes-request"
    static let readVerbs: Set<String> = ["get", "list", "watch"]
    static let serviceAccountPrefix = "system:serviceaccount:"

    static func counts(username: String, verb: String, namespace: String) -> Bool {
        guard !namespace.isEmpty else { return false }
        if username.hasPrefix(serviceAccountPrefix) {
            let accountNamespace = username.dropFirst(serviceAccountPrefix.count).prefix { $0 != ":" }
            if accountNamespace.hasPrefix("kube-") { return false }
            return !readVerbs.contains(verb)
        }
        return !username.hasPrefix("system:")
    }

    /// The activities of stored `kubernetes.request` events: the latest time per (cluster, namespace), in a stable
    /// order (one entry per pair keeps the RPC small however large the batch).
    static func activities(from events: [AuditV1.Event]) -> [SleepV1.Activity] {
        var latest: [String: SleepV1.Activity] = [:]
        for event in events where event.action == AuditAction.kubernetesRequest.rawValue {
            let namespace = event.target?.space ?? ""
            guard
                counts(
                    username: event.actor?.username ?? "", verb: event.details["verb"] ?? "", namespace: namespace)
            else { continue }
            let cluster = event.target?.cluster ?? ""
            let key = cluster + "/" + namespace
            if let known = latest[key], known.timeUnixNanos >= event.timeUnixNanos { continue }
            latest[key] = SleepV1.Activity(
                cluster: cluster, namespace: namespace, timeUnixNanos: event.timeUnixNanos, kind: kind)
        }
        return latest.keys.sorted().compactMap { latest[$0] }
    }
}
