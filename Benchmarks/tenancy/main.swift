import BerthModel
import BerthRPC
import BerthTesting
import Foundation

// tenancy-benchmark: the real berth-tenancy executable managing spaces in the fake API server on loopback.
//
//     swift build -c release && swift run -c release tenancy-benchmark [spaces]     (default 1,000 and 10,000)
//
// 1. Creates `spaces` spaces over the socket (8 at a time) and measures spaces created per second, create→Ready
//    latency (p50, p99: Ready as berth-tenancy reports it, polled every 10 ms) and API requests per space.
// 2. Fills up to `steady` spaces, then watches berth-tenancy over three resyncs with nothing changing: CPU time and
//    RSS of the process (from /proc) and the writes it sends (must be 0).
// 3. Baseline in the same run: `kubectl apply --server-side` of one space's rendered manifests (namespace
//    included) against the same fake, p50 of 20 runs; skipped when /usr/bin/kubectl is absent.

let createCount = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 1_000
let steadyCount = CommandLine.arguments.dropFirst(2).first.flatMap(Int.init) ?? 10_000
// At least 10 s, and long enough that one resync of `steady` spaces ends before the next starts on a loaded
// 2-core machine (about 4 ms per space measured), so the window sees three whole resyncs, not a backlog.
let resyncSeconds = max(10, max(steadyCount, createCount) / 250)
let binDir = (CommandLine.arguments[0] as NSString).deletingLastPathComponent
let tenancyPath = binDir + "/berth-tenancy"
guard FileManager.default.isExecutableFile(atPath: tenancyPath) else {
    print("tenancy-benchmark: \(tenancyPath) is missing: run `swift build -c release` first")
    exit(1)
}

@Sendable func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.down)))]
}

/// utime + stime (seconds) and VmRSS (MiB) of a process, from /proc.
@Sendable func processUsage(_ pid: Int32) -> (cpu: Double, rssMiB: Double) {
    let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
    let fields = stat.split(separator: ")").last.map { $0.split(separator: " ") } ?? []
    // After "pid (comm)": state is field 0 here, utime 11, stime 12 (in clock ticks).
    let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
    let cpu = fields.count > 12 ? ((Double(fields[11]) ?? 0) + (Double(fields[12]) ?? 0)) / ticks : .nan
    let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
    let rssKiB = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
        .flatMap { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first }.flatMap { Double($0) } ?? .nan
    return (cpu, rssKiB / 1024)
}

let report = try await FakeKubernetesAPI.withRunning { api -> String in
    let root = try TemporaryDirectory(prefix: "tenancy-bench")
    defer { root.remove() }
    let kubeconfig = root.appending("kubeconfig")
    try api.kubeconfigYAML().write(toFile: kubeconfig, atomically: true, encoding: .utf8)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: tenancyPath)
    process.arguments = ["--state-dir", root.appending("state"), "--runtime-dir", root.appending("run")]
    var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BERTH_") }
    environment["BERTH_TENANCY_CLUSTER_KUBECONFIG"] = kubeconfig
    environment["BERTH_TENANCY_RESYNC_INTERVAL"] = "\(resyncSeconds)s"
    environment["BERTH_LOG_LEVEL"] = "warning"
    environment["BERTH_STORAGE_SYNCHRONOUS"] = "normal"
    process.environment = environment
    let log = root.appending("berth-tenancy.log")
    FileManager.default.createFile(atPath: log, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    process.standardError = process.standardOutput
    try process.run()
    defer { if process.isRunning { process.terminate(); process.waitUntilExit() } }

    let client = UnixRPCClient(
        socketPath: root.appending("run") + "/tenancy.sock", defaultDeadline: .seconds(60), connectRetry: .seconds(30))
    _ = try await client.unary(
        TenancyV1.createTeam,
        TenancyV1.CreateTeamRequest(team: TenancyV1.Team(name: "bench", groups: ["bench-devs"])))

    /// Creates `names` 8 at a time; returns when each was created and when each was first seen Ready.
    func createAndWait(_ names: [String]) async throws -> (seconds: Double, latencies: [Double]) {
        let clock = ContinuousClock()
        let start = clock.now
        let createdAt = try await withThrowingTaskGroup(of: (String, ContinuousClock.Instant).self) { group in
            var results: [String: ContinuousClock.Instant] = [:]
            var iterator = names.makeIterator()
            for _ in 0..<8 {
                guard let name = iterator.next() else { break }
                group.addTask {
                    _ = try await client.unary(
                        TenancyV1.createSpace,
                        TenancyV1.CreateSpaceRequest(space: TenancyV1.Space(name: name, team: "bench")))
                    return (name, clock.now)
                }
            }
            while let (name, at) = try await group.next() {
                results[name] = at
                if let next = iterator.next() {
                    group.addTask {
                        _ = try await client.unary(
                            TenancyV1.createSpace,
                            TenancyV1.CreateSpaceRequest(space: TenancyV1.Space(name: next, team: "bench")))
                        return (next, clock.now)
                    }
                }
            }
            return results
        }
        var readyAt: [String: ContinuousClock.Instant] = [:]
        let wanted = Set(names)
        while readyAt.count < names.count {
            var token = ""
            repeat {
                let page = try await client.unary(
                    TenancyV1.listSpaces, TenancyV1.ListSpacesRequest(team: "bench", pageSize: 1000, pageToken: token))
                let now = clock.now
                for space in page.spaces where space.phase == "Ready" && wanted.contains(space.name) && readyAt[space.name] == nil {
                    readyAt[space.name] = now
                }
                token = page.nextPageToken
            } while !token.isEmpty
            // Every 10 ms for a small batch; for thousands, less often (the listing itself costs berth-tenancy time).
            if readyAt.count < names.count { try await Task.sleep(for: .milliseconds(names.count > 100 ? 100 : 10)) }
            if clock.now - start > .seconds(1800) { throw RPCClientError(code: .deadlineExceeded, message: "spaces not Ready in 30 min") }
        }
        let seconds = Double((clock.now - start).components.seconds)
            + Double((clock.now - start).components.attoseconds) / 1e18
        let latencies = names.compactMap { name -> Double? in
            guard let created = createdAt[name], let ready = readyAt[name] else { return nil }
            let duration = ready - created
            return (Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18) * 1000
        }.sorted()
        return (seconds, latencies)
    }

    // Printed as they are measured, so a long run shows its progress.
    var lines: [String] = [] {
        didSet {
            if let last = lines.last {
                print(last)
                fflush(stdout)
            }
        }
    }
    // 1. Creation.
    await api.clearRequests()
    let created = try await createAndWait((0..<createCount).map { "bench-\($0)" })
    let requests = await api.requestCount()
    let writes = await api.requests().filter { $0.method != "GET" }.count
    let createRate = Double(createCount) / created.seconds
    lines.append(String(format: "%d spaces created and Ready in %.1f s: %.0f spaces/s", createCount, created.seconds, createRate))
    lines.append(String(
        format: "create→Ready latency: p50 %.0f ms, p99 %.0f ms", percentile(created.latencies, 0.5),
        percentile(created.latencies, 0.99)))
    lines.append(String(
        format: "API requests per space: %.1f (%.1f writes, the rest reads, watches and resync lists)",
        Double(requests) / Double(createCount), Double(writes) / Double(createCount)))

    // 2. Steady state.
    if steadyCount > createCount {
        _ = try await createAndWait((createCount..<steadyCount).map { "bench-\($0)" })
    }
    try await Task.sleep(for: .seconds(resyncSeconds))  // let the resync that follows the creates finish
    await api.clearRequests()
    let before = processUsage(process.processIdentifier)
    let window = 3 * resyncSeconds
    try await Task.sleep(for: .seconds(window))
    let after = processUsage(process.processIdentifier)
    let steadyWrites = await api.requests().filter { $0.method != "GET" }.count
    let steadyReads = await api.requestCount()
    let breakdown = Dictionary(grouping: await api.requests()) { record in
        "\(record.method) \(record.path.split(separator: "/").filter { !$0.hasPrefix("bench-") }.joined(separator: "/"))\(record.query.contains("watch=true") ? " (watch)" : "")"
    }.map { ($0.key, $0.value.count) }.sorted { $0.1 > $1.1 }.prefix(5)
    lines.append(String(
        format: "%d spaces, nothing changing, %d s (3 resyncs): CPU %.2f s (%.1f%% of one core; %.2f s per resync, %.2f ms per space), RSS %.0f MiB, %d writes, %d reads",
        max(steadyCount, createCount), window, after.cpu - before.cpu, (after.cpu - before.cpu) / Double(window) * 100,
        (after.cpu - before.cpu) / 3, (after.cpu - before.cpu) / 3 / Double(max(steadyCount, createCount)) * 1000,
        after.rssMiB, steadyWrites, steadyReads))
    lines.append("  most frequent: " + breakdown.map { "\($0.0) ×\($0.1)" }.joined(separator: ", "))

    // One space at a time on the idle controller: the latency a person sees, comparable to one kubectl apply.
    var single: [Double] = []
    for run in 0..<20 {
        let name = "single-\(run)"
        let start = ContinuousClock.now
        _ = try await client.unary(
            TenancyV1.createSpace, TenancyV1.CreateSpaceRequest(space: TenancyV1.Space(name: name, team: "bench")))
        while try await client.unary(TenancyV1.getSpace, TenancyV1.GetSpaceRequest(name: name)).phase != "Ready" {
            try await Task.sleep(for: .milliseconds(2))
        }
        let elapsed = ContinuousClock.now - start
        single.append((Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) * 1000)
    }
    single.sort()
    lines.append(String(
        format: "one space at a time (idle controller, %d spaces managed): create→Ready p50 %.0f ms, p99 %.0f ms",
        max(steadyCount, createCount), percentile(single, 0.5), percentile(single, 0.99)))

    // 3. Baseline: kubectl apply --server-side of one space's manifests.
    if FileManager.default.isExecutableFile(atPath: "/usr/bin/kubectl") {
        var kubectlTimes: [Double] = []
        for run in 0..<20 {
            let name = "kubectl-\(run)"
            let manifest = try Baseline.manifest(space: name)
            let file = root.appending("\(name).yaml")
            try manifest.write(toFile: file, atomically: true, encoding: .utf8)
            let start = ContinuousClock.now
            let kubectl = Process()
            kubectl.executableURL = URL(fileURLWithPath: "/usr/bin/kubectl")
            kubectl.arguments = ["--kubeconfig", kubeconfig, "apply", "--server-side", "--field-manager=bench", "-f", file]
            kubectl.standardOutput = FileHandle.nullDevice
            kubectl.standardError = FileHandle.nullDevice
            try kubectl.run()
            kubectl.waitUntilExit()
            let elapsed = ContinuousClock.now - start
            kubectlTimes.append((Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) * 1000)
        }
        kubectlTimes.sort()
        let p50 = percentile(kubectlTimes, 0.5)
        lines.append(String(format: "baseline kubectl apply --server-side, one space's manifests: p50 %.0f ms", p50))
        lines.append(String(
            format: "ratio Berth one-space create→Ready p50 / kubectl apply p50: %.2f", percentile(single, 0.5) / p50))
    } else {
        lines.append("baseline skipped: /usr/bin/kubectl is absent")
    }
    return lines.joined(separator: "\n")
}
_ = report
