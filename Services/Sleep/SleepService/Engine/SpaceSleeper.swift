import BerthKube
import Foundation
import Logging

/// What a sleep or wake did to one space.
struct SleepReport: Sendable, Equatable, Codable {
    /// Workloads changed (scaled to 0, suspended, or restored).
    var changed: [String] = []
    /// Workloads left alone (`berth.dev/sleep=never`, or already at 0 with nothing to restore).
    var skipped: [String] = []
    /// Sleep only: workloads left alone because they are labelled `berth.dev/sleep=never` (also in `skipped`).
    var excluded: [String] = []
    /// Workloads a person changed while the space slept: their value was kept, sleep's was not written.
    var conflicts: [String] = []
    /// Sleep only: the CPU (millicores) and memory (bytes) the slept workloads request at their original replicas,
    /// i.e. what the space does not hold while asleep (for savings).
    var cpuMillis: Int64 = 0
    var memoryBytes: Int64 = 0
}

/// Puts one space to sleep and wakes it. Every original value is written to `sleep.db` (and as an annotation
/// on the object) before the object is changed, and objects are written with their resourceVersion (a 409 means
/// someone else changed it: read again and decide again), so killing berth-sleep at any point and running the
/// same transition again finishes it without losing a value.
///
/// Asleep: Deployments and StatefulSets at 0 replicas, CronJobs suspended, and a ResourceQuota `pods: 0` so that
/// nothing (a CI job, a person) starts pods and silently brings the cost back.
struct SpaceSleeper: Sendable {
    static let originalAnnotation = "berth.dev/sleep-original"
    static let neverLabel = "berth.dev/sleep"
    static let quotaName = "berth-sleep"

    let client: KubeClient
    let store: SleepStateStore
    let cluster: String
    let now: @Sendable () -> Date
    let logger: Logger

    func sleep(namespace: String, reason: String) async throws -> SleepReport {
        try await store.setState(.sleeping, cluster: cluster, namespace: namespace, reason: reason, at: now())
        var report = SleepReport()
        // Pods are kept out first, so nothing new starts while the workloads go down.
        var quota = KubeObject(apiVersion: "v1", kind: "ResourceQuota", name: Self.quotaName, namespace: namespace)
        quota.labels = ["app.kubernetes.io/managed-by": "berth"]
        quota["spec"] = ["hard": ["pods": "0"]]
        _ = try await client.apply(quota, resource: .resourceQuotas, force: true)
        var perReplica: [String: WorkloadRequests] = [:]
        for kind in WorkloadKind.allCases {
            for object in try await client.listAll(Self.resource(kind), namespace: namespace).items {
                let id = "\(kind.rawValue)/\(object.name)"
                if object.labels[Self.neverLabel] == "never" {
                    report.skipped.append(id)
                    report.excluded.append(id)
                    continue
                }
                if kind == .deployment || kind == .statefulSet { perReplica[id] = WorkloadRequests(podTemplateOf: object) }
                let changed = try await updateWithRetry(kind, namespace: namespace, name: object.name) { current in
                    let value = Self.value(of: current, kind)
                    let asleep = Self.asleepValue(kind)
                    guard value != asleep else { return nil }  // already asleep (a re-run) or nothing running
                    let original = try await store.remember(
                        SleptWorkload(kind: kind, name: current.name, original: value), cluster: cluster, namespace: namespace)
                    var next = current
                    next.annotations[Self.originalAnnotation] = String(original)
                    Self.set(&next, kind, asleep)
                    return next
                }
                if changed { report.changed.append(id) } else { report.skipped.append(id) }
            }
        }
        // Requests not held, from the recorded originals (so a re-run after a crash still counts what the first
        // run scaled down).
        for workload in try await store.workloads(cluster: cluster, namespace: namespace) {
            guard let requests = perReplica["\(workload.kind.rawValue)/\(workload.name)"] else { continue }
            report.cpuMillis += requests.cpuMillis * Int64(workload.original)
            report.memoryBytes += requests.memoryBytes * Int64(workload.original)
        }
        try await store.setState(.asleep, cluster: cluster, namespace: namespace, reason: reason, at: now())
        logger.info(
            "space asleep",
            metadata: ["namespace": "\(namespace)", "reason": "\(reason)", "changed": "\(report.changed.count)"])
        return report
    }

    func wake(namespace: String, reason: String) async throws -> SleepReport {
        try await store.setState(.waking, cluster: cluster, namespace: namespace, reason: reason, at: now())
        var report = SleepReport()
        for workload in try await store.workloads(cluster: cluster, namespace: namespace) {
            let id = "\(workload.kind.rawValue)/\(workload.name)"
            let asleep = Self.asleepValue(workload.kind)
            var conflict = false
            do {
                let changed = try await updateWithRetry(workload.kind, namespace: namespace, name: workload.name) { current in
                    var next = current
                    let value = Self.value(of: current, workload.kind)
                    if value == asleep {
                        Self.set(&next, workload.kind, workload.original)
                    } else if value != workload.original {
                        // Someone set a value of their own while the space slept: theirs wins, and it is reported.
                        conflict = true
                    }
                    guard next.annotations[Self.originalAnnotation] != nil || next != current else { return nil }
                    next.annotations[Self.originalAnnotation] = nil
                    return next
                }
                if conflict {
                    report.conflicts.append(id)
                } else if changed {
                    report.changed.append(id)
                } else {
                    report.skipped.append(id)
                }
            } catch let error as KubeError where error.code == .notFound {
                report.skipped.append(id)  // deleted while asleep: nothing to restore
            }
            try await store.forget(workload, cluster: cluster, namespace: namespace)
        }
        do {
            try await client.delete(.resourceQuotas, namespace: namespace, name: Self.quotaName)
        } catch let error as KubeError where error.code == .notFound {}
        try await store.setState(.awake, cluster: cluster, namespace: namespace, reason: reason, at: now())
        logger.info(
            "space awake",
            metadata: [
                "namespace": "\(namespace)", "reason": "\(reason)", "restored": "\(report.changed.count)",
                "conflicts": "\(report.conflicts.count)",
            ])
        return report
    }

    /// Reads the object, lets `change` decide (nil: leave it), writes it with its resourceVersion; on a 409
    /// (changed meanwhile) reads and decides again. Returns whether it wrote.
    private func updateWithRetry(
        _ kind: WorkloadKind, namespace: String, name: String, _ change: (KubeObject) async throws -> KubeObject?
    ) async throws -> Bool {
        let resource = Self.resource(kind)
        for _ in 0..<5 {
            var current = try await client.get(resource, namespace: namespace, name: name)
            if current.kind.isEmpty { current.json["kind"] = .string(kind.rawValue) }
            if current.apiVersion.isEmpty { current.json["apiVersion"] = .string(resource.apiVersion) }
            guard let next = try await change(current) else { return false }
            do {
                _ = try await client.replace(next, resource: resource)
                return true
            } catch let error as KubeError where error.code == .conflict {
                continue
            }
        }
        throw KubeError(.conflict, "\(kind.rawValue) \(namespace)/\(name) keeps changing; sleep will try again")
    }

    static func resource(_ kind: WorkloadKind) -> KubeResource {
        switch kind {
        case .deployment: .deployments
        case .statefulSet: .statefulSets
        case .cronJob: .cronJobs
        case .horizontalPodAutoscaler: .horizontalPodAutoscalers
        }
    }

    /// The value a workload has while asleep: 0 replicas, suspended (1), an HPA's minReplicas at 1.
    static func asleepValue(_ kind: WorkloadKind) -> Int {
        switch kind {
        case .cronJob, .horizontalPodAutoscaler: 1
        case .deployment, .statefulSet: 0
        }
    }

    /// Replicas (a missing field is Kubernetes' default, 1), or a CronJob's suspend as 1/0.
    static func value(of object: KubeObject, _ kind: WorkloadKind) -> Int {
        switch kind {
        case .cronJob: (object["spec", "suspend"]?.boolValue ?? false) ? 1 : 0
        case .horizontalPodAutoscaler: Int(object["spec", "minReplicas"]?.intValue ?? 1)
        case .deployment, .statefulSet: Int(object["spec", "replicas"]?.intValue ?? 1)
        }
    }

    static func set(_ object: inout KubeObject, _ kind: WorkloadKind, _ value: Int) {
        switch kind {
        case .cronJob: object["spec", "suspend"] = .bool(value != 0)
        case .horizontalPodAutoscaler: object["spec", "minReplicas"] = .int(Int64(value))
        case .deployment, .statefulSet: object["spec", "replicas"] = .int(Int64(value))
        }
    }
}
