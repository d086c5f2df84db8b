import BerthKube
import BerthTesting
import Foundation
import Logging
import SleepService
import Synchronization

// sleep-benchmark: the sleep engine against the fake Kubernetes API on loopback. BerthKube comes through
// BerthTesting (only tenancy and sleep depend on it directly: ArchitectureTests).
//
//     swift run -c release sleep-benchmark [spaces] [wakes]        (default 1,000 spaces, 100 wakes)
//
// 1. Creates `spaces` namespaces with 5 workloads each (3 Deployments, 1 StatefulSet, 1 CronJob).
// 2. One pass with every space idle past `sleepAfter`: wall time to put all of them to sleep, and API requests
//    per space.
// 3. Wakes `wakes` spaces one after the other: p50/p99 of the time until every object is restored, and API
//    requests per wake.

let spaceCount = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 1_000
let wakeCount = min(CommandLine.arguments.dropFirst(2).first.flatMap(Int.init) ?? 100, spaceCount)

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.down)))]
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

var logger = Logger(label: "sleep-benchmark")
logger.logLevel = .error
let created = Date(timeIntervalSince1970: 1_800_000_000)
let now = Mutex(created.addingTimeInterval(2 * 3600))

let report = try await FakeKubernetesAPI.withRunning { api -> String in
    let root = try TemporaryDirectory(prefix: "sleep-bench")
    defer { root.remove() }
    let names = (0..<spaceCount).map { String(format: "space-%05d", $0) }

    // 1. Setup, 16 spaces at a time.
    try await KubeClient.withClient(connection: api.connection) { client in
        try await withThrowingTaskGroup(of: Void.self) { group in
            var pending = names.makeIterator()
            func add() {
                guard let name = pending.next() else { return }
                group.addTask {
                    _ = try await client.create(KubeObject(apiVersion: "v1", kind: "Namespace", name: name), resource: .namespaces)
                    let template: JSONValue = [
                        "spec": ["containers": [["name": "app", "resources": ["requests": ["cpu": "250m", "memory": "256Mi"]]]]]
                    ]
                    for workload in ["web", "api", "worker"] {
                        var deployment = KubeObject(apiVersion: "apps/v1", kind: "Deployment", name: workload, namespace: name)
                        deployment["spec"] = ["replicas": 2, "template": template]
                        _ = try await client.create(deployment, resource: .deployments)
                    }
                    var database = KubeObject(apiVersion: "apps/v1", kind: "StatefulSet", name: "db", namespace: name)
                    database["spec"] = ["replicas": 1, "template": template]
                    _ = try await client.create(database, resource: .statefulSets)
                    var job = KubeObject(apiVersion: "batch/v1", kind: "CronJob", name: "nightly", namespace: name)
                    job["spec"] = ["schedule": "0 3 * * *", "suspend": false]
                    _ = try await client.create(job, resource: .cronJobs)
                }
            }
            for _ in 0..<16 { add() }
            while try await group.next() != nil { add() }
        }
    }

    let engine = try await StandaloneSleepEngine(
        databasePath: root.appending("sleep.db"), connection: api.connection, spaces: names, createdAt: created,
        sleepAfter: "1h", now: { now.withLock { $0 } }, logger: logger)

    // 2. Sleep everything in one pass.
    await api.clearRequests()
    let clock = ContinuousClock()
    let start = clock.now
    let pass = try await engine.runPass()
    let sleepAll = clock.now - start
    let sleepRequests = await api.requestCount()
    guard pass.slept == spaceCount, pass.failed == 0 else {
        throw BenchmarkFailure("the pass slept \(pass.slept) of \(spaceCount) spaces, \(pass.failed) failed")
    }

    // 3. Wake spaces one by one.
    await api.clearRequests()
    var wakes: [Double] = []
    for name in names.prefix(wakeCount) {
        now.withLock { $0 = $0.addingTimeInterval(1) }
        let wakeStart = clock.now
        try await engine.wake(space: name)
        wakes.append(milliseconds(clock.now - wakeStart))
    }
    let wakeRequests = await api.requestCount()
    await engine.shutdown()
    wakes.sort()

    return """
        sleep-benchmark: \(spaceCount) spaces × 5 workloads, fake Kubernetes API on loopback
        sleep all in one pass: \(String(format: "%.2f", milliseconds(sleepAll) / 1000)) s \
        (\(String(format: "%.1f", Double(spaceCount) / (milliseconds(sleepAll) / 1000))) spaces/s), \
        \(String(format: "%.1f", Double(sleepRequests) / Double(spaceCount))) API requests per space
        wake one space (\(wakeCount) wakes): p50 \(String(format: "%.1f", percentile(wakes, 0.5))) ms, \
        p99 \(String(format: "%.1f", percentile(wakes, 0.99))) ms, \
        \(String(format: "%.1f", Double(wakeRequests) / Double(max(wakeCount, 1)))) API requests per wake
        """
}
print(report)

struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
