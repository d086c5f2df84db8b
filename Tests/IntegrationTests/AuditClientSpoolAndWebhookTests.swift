import AuditService
import BerthAuditClient
import BerthModel
import BerthRPC
import BerthRuntime
import BerthTesting
import Foundation
import GatewayService
import Logging
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The audit client against the real audit service (in-process, real socket and SQLite file), and the gateway's
/// Kubernetes audit webhook end to end: HTTP in, audit.db out.
final class AuditClientSpoolAndWebhookTests: XCTestCase {
    static func recorder(
        _ env: TestEnvironment, producer: String, whenUnreachable: AuditRecorderConfiguration.WhenUnreachable = .spool
    ) -> AuditRecorder {
        AuditRecorder(
            configuration: AuditRecorderConfiguration(
                producer: producer, spoolPath: env.root.appending("spool/\(producer).spool"), timeout: .seconds(2),
                whenUnreachable: whenUnreachable, replayInterval: .milliseconds(50)),
            sink: RPCAuditSink(socketPath: env.paths.socketPath(for: .audit)), clock: ContinuousClock(),
            now: { Int64(Date().timeIntervalSince1970 * 1e9) }, logger: Logger(label: "test.\(producer)"))
    }

    static func event(_ producer: String, _ index: Int) -> AuditV1.Event {
        AuditV1.Event(
            actor: AuditV1.Actor(username: producer), action: AuditAction.spaceCreated.rawValue,
            target: AuditV1.Target(kind: "space", name: "\(producer)-\(index)"), outcome: .allowed)
    }

    static func tail(_ env: TestEnvironment) async throws -> [AuditV1.Event] {
        let response = try await UnixRPCClient.call(
            socketPath: env.paths.socketPath(for: .audit), AuditV1.tail, AuditV1.TailRequest(limit: 1000))
        return response.records.reversed().compactMap(\.event)
    }

    /// Audit stops while two producers keep recording: their events are spooled, replayed when audit is back,
    /// stored once each, and each producer's order is kept.
    func testEventsRecordedWhileAuditIsDownAreSpooledAndReplayedInOrder() async throws {
        let env = try TestEnvironment()
        defer { env.remove() }
        let producers = ["tenancy", "sleep"]
        let recorders = producers.map { Self.recorder(env, producer: $0) }
        let logger = Logger(label: "test.audit")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for recorder in recorders { group.addTask { try await recorder.run() } }

            try await withRunningService(try AuditService.build(config: env.config, logger: logger), in: env) {
                for (producer, recorder) in zip(producers, recorders) {
                    for index in 0..<3 { try await recorder.record(Self.event(producer, index)) }
                }
            }
            // Audit is down now: records still return (spooled, fsync'd), both producers at once.
            try await withThrowingTaskGroup(of: Void.self) { writers in
                for (producer, recorder) in zip(producers, recorders) {
                    writers.addTask { for index in 3..<10 { try await recorder.record(Self.event(producer, index)) } }
                }
                try await writers.waitForAll()
            }
            for recorder in recorders {
                let size = FileManager.default.contents(atPath: recorder.configuration.spoolPath)?.count ?? 0
                XCTAssertGreaterThan(size, 0, "\(recorder.configuration.producer) spooled its events")
            }

            try await withRunningService(try AuditService.build(config: env.config, logger: logger), in: env) {
                let replayed = await eventually(timeout: .seconds(10)) {
                    ((try? await Self.tail(env)) ?? []).count == 20
                }
                XCTAssertTrue(replayed, "all 20 events are in audit.db after the replay")
                let stored = try await Self.tail(env)
                XCTAssertEqual(Set(stored.map(\.id)).count, 20, "no duplicates")
                for producer in producers {
                    let names = stored.filter { $0.actor?.username == producer }.map { $0.target?.name ?? "" }
                    XCTAssertEqual(names, (0..<10).map { "\(producer)-\($0)" }, "\(producer)'s order is kept")
                }
            }
            for recorder in recorders {
                let size = FileManager.default.contents(atPath: recorder.configuration.spoolPath)?.count
                XCTAssertEqual(size, 0, "acknowledged events left \(recorder.configuration.producer)'s spool")
            }
            group.cancelAll()
        }
    }

    func testRefuseModeFailsTheActionWithAClearErrorWhileAuditIsDown() async throws {
        let env = try TestEnvironment()
        defer { env.remove() }
        let recorder = Self.recorder(env, producer: "identity", whenUnreachable: .refuse)
        do {
            try await recorder.record(Self.event("identity", 0))
            XCTFail("refuse mode must throw while berth-audit is not running")
        } catch {
            XCTAssertEqual(error.code, .refused)
            XCTAssertTrue(error.message.contains("berth-audit is unreachable"), error.message)
            XCTAssertTrue(error.message.contains("audit.whenUnreachable"), error.message)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: recorder.configuration.spoolPath))
    }
}

// MARK: - Kubernetes audit webhook

extension AuditClientSpoolAndWebhookTests {
    static let token = "webhook-token-0123456789abcdef"

    static func eventList(_ items: [String], kind: String = "EventList") -> Data {
        Data("{\"kind\":\"\(kind)\",\"apiVersion\":\"audit.k8s.io/v1\",\"items\":[\(items.joined(separator: ","))]}".utf8)
    }

    static func item(_ auditID: String, stage: String = "ResponseComplete", verb: String = "create", code: Int = 201)
        -> String
    {
        """
        {"level":"Metadata","auditID":"\(auditID)","stage":"\(stage)",
         "requestURI":"/api/v1/namespaces/dev-1/configmaps","verb":"\(verb)",
         "user":{"username":"alice@example.com","uid":"u-1","groups":["dev","system:authenticated"]},
         "sourceIPs":["10.0.0.4"],"userAgent":"kubectl/v1.32.0",
         "objectRef":{"resource":"configmaps","namespace":"dev-1","name":"settings","apiVersion":"v1"},
         "responseStatus":{"metadata":{},"code":\(code)},
         "requestObject":{"kind":"ConfigMap","data":{"secret":"must not be stored"}},
         "requestReceivedTimestamp":"2026-11-21T10:00:00.123456Z","stageTimestamp":"2026-11-21T10:00:00.234567Z"}
        """
    }

    static func post(_ port: Int, _ body: Data, token: String? = token, query: String = "?cluster=prod") async throws
        -> (status: Int, body: String)
    {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/v1/kubernetes/audit\(query)")!)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    static func kubernetesEvents(_ env: TestEnvironment) async throws -> [AuditV1.Event] {
        try await Self.tail(env).filter { $0.action == AuditAction.kubernetesRequest.rawValue }
    }

    func testTheWebhookStoresResponseCompleteEventsOnceAndRejectsBadBatchesWhole() async throws {
        let port = try LoopbackPort.free()
        let root = try TemporaryDirectory(prefix: "k8saudit")
        defer { root.remove() }
        let tokenFile = root.appending("token")
        try Self.token.write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let env = try TestEnvironment {
            $0.gateway.listen = "http://127.0.0.1:\(port)"
            $0.audit.kubernetesWebhookTokenFile = tokenFile
        }
        defer { env.remove() }
        let logger = Logger(label: "test")
        try await withRunningService(try AuditService.build(config: env.config, logger: logger), in: env) {
            try await withRunningService(try GatewayService.build(config: env.config, logger: logger), in: env) {
                let listening = await eventually {
                    (try? await Self.post(port, Self.eventList([]), token: nil))?.status == 401
                }
                XCTAssertTrue(listening, "the gateway's HTTP listener answers")

                let batch = Self.eventList([
                    Self.item("a-1", stage: "RequestReceived"), Self.item("a-1"), Self.item("a-2", verb: "delete", code: 403),
                ])
                let stored = try await Self.post(port, batch)
                XCTAssertEqual(stored.status, 200, stored.body)
                XCTAssertEqual(stored.body, "{\"stored\":2,\"ignored\":1}\n")
                // kube-apiserver re-delivers after a lost answer: stored once.
                let again = try await Self.post(port, batch)
                XCTAssertEqual(again.status, 200, again.body)

                let events = try await Self.kubernetesEvents(env)
                XCTAssertEqual(events.map(\.id), ["a-1", "a-2"])
                let first = try XCTUnwrap(events.first)
                XCTAssertEqual(first.actor?.username, "alice@example.com")
                XCTAssertEqual(first.actor?.groups, ["dev", "system:authenticated"])
                XCTAssertEqual(first.actor?.source, "ip:10.0.0.4")
                XCTAssertEqual(first.target, AuditV1.Target(kind: "configmaps", name: "settings", space: "dev-1", cluster: "prod"))
                XCTAssertEqual(first.details["verb"], "create")
                XCTAssertEqual(first.details["responseCode"], "201")
                XCTAssertEqual(first.details["stage"], "ResponseComplete")
                XCTAssertEqual(first.timeUnixNanos, 1_795_255_200_234_567_000)
                XCTAssertEqual(first.outcome, .allowed)
                XCTAssertEqual(events.last?.outcome, .denied)
                XCTAssertFalse(first.details.values.contains { $0.contains("must not be stored") }, "Metadata level only")

                // Every bad batch is refused whole, with a problem that says what is wrong.
                let malformed = try await Self.post(port, Data("{\"kind\":\"EventList\",".utf8))
                XCTAssertEqual(malformed.status, 400)
                XCTAssertTrue(malformed.body.contains("not an audit EventList"), malformed.body)
                let wrongKind = try await Self.post(port, Self.eventList([Self.item("b-1")], kind: "Event"))
                XCTAssertEqual(wrongKind.status, 400)
                XCTAssertTrue(wrongKind.body.contains("wrong kind or apiVersion"), wrongKind.body)
                let missingUser = try await Self.post(
                    port, Self.eventList([Self.item("c-1"), Self.item("c-2").replacingOccurrences(of: "\"username\":\"alice@example.com\",", with: "")]))
                XCTAssertEqual(missingUser.status, 400)
                XCTAssertTrue(missingUser.body.contains("item 1"), missingUser.body)
                let wrongToken = try await Self.post(port, Self.eventList([Self.item("d-1")]), token: "guess-guess-guess-guess")
                XCTAssertEqual(wrongToken.status, 401)
                let noToken = try await Self.post(port, Self.eventList([Self.item("d-2")]), token: nil)
                XCTAssertEqual(noToken.status, 401)
                let padding = String(repeating: " ", count: 5 * 1024 * 1024)
                let oversized = try await Self.post(port, Self.eventList([Self.item("e-1") + padding]))
                XCTAssertEqual(oversized.status, 413)
                XCTAssertTrue(oversized.body.contains("over the limit"), oversized.body)

                let after = try await Self.kubernetesEvents(env)
                XCTAssertEqual(after.map(\.id), ["a-1", "a-2"], "nothing of a refused batch is stored")

                // The gateway recorded its own start, as itself.
                let started = try await Self.tail(env).filter { $0.action == AuditAction.serviceStarted.rawValue }
                XCTAssertEqual(started.map { $0.target?.name }, ["berth-gateway"])
                XCTAssertEqual(started.first?.actor?.source, "uid:\(getuid())")
            }
        }
    }
}

/// A free TCP port on 127.0.0.1 (bind to 0, read it back, close), as `EndToEndTests` does.
enum LoopbackPort {
    static func free() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFixtureError("socket() failed: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound else { throw TestFixtureError("could not bind a loopback port: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
