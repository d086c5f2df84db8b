import BerthModel
import BerthRPC

/// `RecordActivity` and `GetActivity`: validation on top of an `ActivityStore`. A batch with one invalid entry is
/// refused whole (nothing of it recorded), with the entry's index in the message.
struct ActivityHandlers: Sendable {
    let store: any ActivityStore

    static let maxBatch = 5000
    /// The kinds sleep knows; another kind is a sender bug, refused rather than silently counted.
    /// `berth-api`: a Berth API call about the space (kubeconfig, exec) from the gateway; `berth-wake`: an explicit wake.
    static let kinds: Set<String> = ["kubernetes-request", "berth-api", "berth-wake"]

    func record(_ request: SleepV1.RecordActivityRequest) async throws -> SleepV1.RecordActivityResponse {
        guard request.activities.count <= Self.maxBatch else {
            throw SleepError(
                code: .invalidArgument,
                message: "RecordActivity got \(request.activities.count) activities, over the limit of "
                    + "\(Self.maxBatch): send smaller batches")
        }
        var valid: [SleepV1.Activity] = []
        valid.reserveCapacity(request.activities.count)
        for (index, activity) in request.activities.enumerated() {
            valid.append(try Self.validated(activity, index: index))
        }
        return SleepV1.RecordActivityResponse(updated: UInt32(try await store.record(valid)))
    }

    func get(_ request: SleepV1.GetActivityRequest) async throws -> SleepV1.Activity {
        let cluster = try Self.validCluster(request.cluster)
        let namespace = try Self.validNamespace(request.namespace)
        guard let activity = try await store.last(cluster: cluster, namespace: namespace) else {
            throw SleepError(
                code: .notFound,
                message: "no activity recorded for namespace \"\(namespace)\" in cluster \"\(cluster)\": nothing "
                    + "was reported for it yet (check the cluster's audit webhook points at the gateway)")
        }
        return activity
    }

    static func validated(_ activity: SleepV1.Activity, index: Int) throws -> SleepV1.Activity {
        do {
            var valid = activity
            valid.cluster = try validCluster(activity.cluster)
            valid.namespace = try validNamespace(activity.namespace)
            guard activity.timeUnixNanos > 0 else {
                throw SleepError(code: .invalidArgument, message: "time_unix_nanos is not set: send the request's time")
            }
            guard kinds.contains(activity.kind) else {
                throw SleepError(
                    code: .invalidArgument,
                    message: "kind \"\(activity.kind)\" is unknown: use one of \(kinds.sorted().joined(separator: ", "))")
            }
            return valid
        } catch let error as SleepError {
            throw SleepError(code: error.code, message: "activity \(index): \(error.message)")
        }
    }

    /// "" is allowed (a sender that does not know the cluster's name); otherwise a Berth cluster name.
    static func validCluster(_ name: String) throws -> String {
        guard !name.isEmpty else { return "" }
        do {
            return try DNSLabel(name, kind: "cluster name").rawValue
        } catch {
            throw SleepError(code: .invalidArgument, message: error.message)
        }
    }

    static func validNamespace(_ name: String) throws -> String {
        do {
            return try DNSLabel(name, kind: "namespace").rawValue
        } catch {
            throw SleepError(code: .invalidArgument, message: error.message)
        }
    }
}
