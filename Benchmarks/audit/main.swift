import AuditService
import BerthModel
import BerthRPC
import BerthRuntime
import Foundation
import GRDB
import Logging

// audit-benchmark: durable appends/s (1, 8, 64 producers) next to raw SQLite one-fsync'd-insert-per-transaction,
// query p50/p99 on a large log for three typical filters, and verify throughput.
//
//     swift run -c release audit-benchmark [events]      (default 1,000,000; the state goes to a temp dir)
//
// Appends and queries go through the real service over its Unix socket (gRPC + bridge + group commit), so the
// figures are what a client sees. The raw SQLite baseline runs in the same process, on the same disk.

let totalEvents = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 1_000_000
let appendSeconds = 4.0

let root = (NSTemporaryDirectory() as NSString).appendingPathComponent("audit-bench-\(getpid())")
try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: root) }
print("audit-benchmark: state in \(root), \(ProcessInfo.processInfo.activeProcessorCount) cores")

// MARK: raw SQLite baseline
let rawRate = try RawSQLiteBaseline.insertsPerSecond(path: root + "/raw.db", seconds: appendSeconds)
print(String(format: "raw SQLite, 1 insert per fsync'd transaction (WAL, synchronous=FULL): %8.0f inserts/s", rawRate))

// MARK: durable appends through the service
var config = BerthConfig.defaults(binDir: "/nonexistent")
config.paths.stateDir = root + "/state"
config.paths.runtimeDir = root + "/run"
config.storage.synchronous = .full
config.rpc.defaultDeadline = ConfigDuration(.seconds(600))
config.audit.checkpointInterval = ConfigDuration(.seconds(3600))
var logger = Logger(label: "berth.audit.bench")
logger.logLevel = .warning
let host = try AuditService.build(config: config, logger: logger)
let socket = BerthPaths(config: config).socketPath(for: .audit)

try await withThrowingTaskGroup(of: Void.self) { group in
    group.addTask { try await host.run() }
    try await waitUntilServing(socket)
    let client = UnixRPCClient(socketPath: socket, defaultDeadline: .seconds(600))

    print("\ndurable appends (1 event per Append, acknowledged after commit; synchronous=FULL):")
    var counter = 0
    for producers in [1, 8, 64] {
        let (events, seconds) = try await durableAppends(client: client, producers: producers, seconds: appendSeconds, counter: &counter)
        let rate = Double(events) / seconds
        print(String(format: "  %2d producers: %8.0f events/s   (%.1fx raw SQLite)", producers, rate, rate / rawRate))
    }

    // MARK: fill to totalEvents (batches of 1000, 4 producers) with the durable writer
    let existing = counter
    let fillStart = ContinuousClock.now
    try await fill(client: client, from: existing, to: totalEvents)
    let fillSeconds = seconds(ContinuousClock.now - fillStart)
    print(String(format: "\nfilled to %d events in %.1f s (%.0f events/s in batches of 1000)",
        totalEvents, fillSeconds, Double(max(totalEvents - existing, 0)) / fillSeconds))

    // MARK: queries
    print("\nquery latency on \(totalEvents) events (first page of 100, newest first, over the socket):")
    let filters: [(String, @Sendable (Int) -> AuditV1.QueryRequest)] = [
        ("team = team-N", { AuditV1.QueryRequest(team: "team-\($0 % 50)", pageSize: 100) }),
        ("actor = user-N AND action prefix space.", { AuditV1.QueryRequest(actor: "user-\($0 % 1000)", actionPrefix: "space.", pageSize: 100) }),
        ("1h time window AND outcome denied", { i in
            let start = Int64(1_700_000_000 + (i * 7919) % max(totalEvents - 3600, 1)) * 1_000_000_000
            return AuditV1.QueryRequest(sinceUnixNanos: start, untilUnixNanos: start + 3_600_000_000_000, outcome: .denied, pageSize: 100)
        }),
    ]
    for (name, make) in filters {
        var latencies: [Double] = []
        var returned = 0
        for i in 0..<300 {
            let start = ContinuousClock.now
            returned += try await client.unary(AuditV1.query, make(i)).records.count
            latencies.append(seconds(ContinuousClock.now - start) * 1000)
        }
        latencies.sort()
        print(String(format: "  %-42@ p50 %6.2f ms   p99 %6.2f ms   (%.0f records/page)", name as NSString,
            latencies[latencies.count / 2], latencies[latencies.count * 99 / 100], Double(returned) / 300))
    }

    // MARK: verify
    let verifyStart = ContinuousClock.now
    let verified = try await client.unary(AuditV1.verify, AuditV1.VerifyRequest(), deadline: .seconds(600))
    let verifySeconds = seconds(ContinuousClock.now - verifyStart)
    print(String(format: "\nverify: %@ %d events, %d checkpoints in %.2f s = %.0f events/s",
        verified.ok ? "ok," : "FAILED (\(verified.detail)),", verified.eventsChecked, verified.checkpointsChecked,
        verifySeconds, Double(verified.eventsChecked) / verifySeconds))
    group.cancelAll()
}

// MARK: helpers

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func waitUntilServing(_ socket: String) async throws {
    for _ in 0..<500 {
        let health = try? await UnixRPCClient.call(
            socketPath: socket, HealthV1.check, HealthV1.HealthCheckRequest(service: ""), deadline: .seconds(1))
        if health?.status == .serving { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    throw BenchmarkError("berth-audit did not report SERVING")
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Static, not a top-level `let`: top-level code runs in order, and the producers start before this line.
enum Vocabulary {
    static let actions = AuditAction.all.sorted()
}

/// A typical event: 1000 users, 50 teams, 200 spaces, 5% denied, one second apart.
func event(_ n: Int) -> AuditV1.Event {
    AuditV1.Event(
        id: "bench-\(n)", timeUnixNanos: Int64(1_700_000_000 + n) * 1_000_000_000,
        actor: AuditV1.Actor(subject: "sub-\(n % 1000)", username: "user-\(n % 1000)", groups: ["dev"], authenticatedBy: "oidc"),
        action: Vocabulary.actions[(n * 31) % Vocabulary.actions.count],
        target: AuditV1.Target(kind: "space", name: "space-\(n % 200)", team: "team-\(n % 50)", space: "space-\(n % 200)", cluster: "c\(n % 3)"),
        outcome: n % 20 == 0 ? .denied : .allowed, details: ["template": "default"])
}

/// Producers each append one event per call for `seconds`; returns the events acknowledged and the wall time.
func durableAppends(client: UnixRPCClient, producers: Int, seconds duration: Double, counter: inout Int) async throws -> (Int, Double) {
    let base = counter
    let start = ContinuousClock.now
    let deadline = start.advanced(by: .milliseconds(Int(duration * 1000)))
    let counts = try await withThrowingTaskGroup(of: Int.self) { group in
        for producer in 0..<producers {
            group.addTask {
                var done = 0
                while ContinuousClock.now < deadline {
                    let n = base + producer * 10_000_000 + done
                    _ = try await client.unary(AuditV1.append, AuditV1.AppendRequest(events: [event(n)]))
                    done += 1
                }
                return done
            }
        }
        return try await group.reduce(0, +)
    }
    let wall = seconds(ContinuousClock.now - start)
    counter += producers * 10_000_000  // keep ids unique across scenarios
    _ = counts
    return (counts, wall)
}

/// Appends events until the log holds `target` (batches of 1000 from 4 producers).
func fill(client: UnixRPCClient, from existing: Int, to target: Int) async throws {
    let head = try await client.unary(AuditV1.tail, AuditV1.TailRequest(limit: 1)).records.first?.sequence ?? 0
    let missing = target - Int(head)
    guard missing > 0 else { return }
    let batches = (missing + 999) / 1000
    try await withThrowingTaskGroup(of: Void.self) { group in
        for producer in 0..<4 {
            group.addTask {
                for batch in stride(from: producer, to: batches, by: 4) {
                    let first = batch * 1000
                    let events = (first..<min(first + 1000, missing)).map { event(existing + $0) }
                    _ = try await client.unary(AuditV1.append, AuditV1.AppendRequest(events: events))
                }
            }
        }
        try await group.waitForAll()
    }
}

/// One row per transaction, each transaction fsync'd (WAL, synchronous=FULL): the rate the group commit must beat.
enum RawSQLiteBaseline {
    static func insertsPerSecond(path: String, seconds duration: Double) throws -> Double {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { db in try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)") }
        let payload = Data(repeating: 7, count: 200)
        let start = Date()
        var count = 0
        while Date().timeIntervalSince(start) < duration {
            try queue.write { db in try db.execute(sql: "INSERT INTO t (payload) VALUES (?)", arguments: [payload]) }
            count += 1
        }
        return Double(count) / Date().timeIntervalSince(start)
    }
}
