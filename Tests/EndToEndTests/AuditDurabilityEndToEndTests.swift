import BerthModel
import BerthRPC
import BerthTesting
import Foundation
import Glibc
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The audit log's durability with real processes (`berth-audit`, `berth-gateway`, `berth-tenancy` as built):
/// events recorded while audit is stopped are spooled by their producers and replayed, in order, once each;
/// refused input (malformed webhook bodies, oversized batches, unknown actions) stores nothing at all.
final class AuditDurabilityEndToEndTests: XCTestCase {
    static let token = "e2e-webhook-token-0123456789abcdef"

    /// One service executable on the test's state and runtime directories.
    final class ServiceProcess {
        let process = Process()

        init(_ name: ServiceName, env: TestEnvironment, environment extra: [String: String]) throws {
            process.executableURL = URL(fileURLWithPath: BuiltProducts.path(name.executableName))
            process.arguments = [
                "--state-dir", env.config.paths.stateDir, "--runtime-dir", env.config.paths.runtimeDir,
                "--log-level", "warning",
            ]
            var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BERTH_") }
            environment["BERTH_STORAGE_SYNCHRONOUS"] = "normal"
            for (key, value) in extra { environment[key] = value }
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        /// SIGTERM (a graceful stop), and wait until it exited.
        func stop() async -> Bool {
            guard process.isRunning else { return true }
            kill(process.processIdentifier, SIGTERM)
            return await eventually(timeout: .seconds(15)) { !self.process.isRunning }
        }

        deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    }

    static func item(_ auditID: String) -> String {
        """
        {"level":"Metadata","auditID":"\(auditID)","stage":"ResponseComplete","verb":"create",
         "user":{"username":"alice@example.com"},"objectRef":{"resource":"configmaps","namespace":"dev-1","name":"c"},
         "responseStatus":{"code":201},"stageTimestamp":"2026-11-21T10:00:00Z"}
        """
    }

    static func post(_ port: Int, _ body: Data) async throws -> Int {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/v1/kubernetes/audit?cluster=prod")!)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    static func batch(_ ids: Range<Int>) -> Data {
        Data(
            ("{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"items\":["
                + ids.map { item("w-\($0)") }.joined(separator: ",") + "]}").utf8)
    }

    static func records(_ env: TestEnvironment) async throws -> [AuditV1.Record] {
        try await UnixRPCClient.call(
            socketPath: env.paths.socketPath(for: .audit), AuditV1.tail, AuditV1.TailRequest(limit: 1000)
        ).records.reversed()
    }

    func testEventsRecordedWhileAuditIsStoppedAreReplayedInOrderOnceAndRefusedInputStoresNothing() async throws {
        try BuiltProducts.require(["berth-audit", "berth-gateway", "berth-tenancy"])
        let env = try TestEnvironment(binDir: BuiltProducts.directory)
        defer { env.remove() }
        let port = try FreePort.loopback()
        let tokenFile = env.root.appending("webhook-token")
        try Self.token.write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let environment = [
            "BERTH_GATEWAY_LISTEN": "http://127.0.0.1:\(port)", "BERTH_AUDIT_KUBERNETES_WEBHOOK_TOKEN_FILE": tokenFile,
        ]

        var audit = try ServiceProcess(.audit, env: env, environment: environment)
        let auditServing = await eventually(timeout: .seconds(20)) { await env.isServing(.audit) }
        XCTAssertTrue(auditServing, "berth-audit serves")
        let gateway = try ServiceProcess(.gateway, env: env, environment: environment)
        let gatewayServing = await eventually(timeout: .seconds(20)) { await env.isServing(.gateway) }
        XCTAssertTrue(gatewayServing, "berth-gateway serves")
        let first = try await Self.post(port, Self.batch(0..<10))
        XCTAssertEqual(first, 200)

        // Audit stops; the gateway keeps taking webhook batches and tenancy starts: both spool.
        let auditStopped = await audit.stop()
        XCTAssertTrue(auditStopped)
        for start in stride(from: 10, to: 40, by: 10) {
            let status = try await Self.post(port, Self.batch(start..<start + 10))
            XCTAssertEqual(status, 200, "a spooled batch is acknowledged")
        }
        let tenancy = try ServiceProcess(.tenancy, env: env, environment: environment)
        let tenancyServing = await eventually(timeout: .seconds(20)) { await env.isServing(.tenancy) }
        XCTAssertTrue(tenancyServing)

        // Audit is back: each running producer replays its spool (the spool is replayed by its own producer).
        audit = try ServiceProcess(.audit, env: env, environment: environment)
        let replayed = await eventually(timeout: .seconds(30)) {
            let records = (try? await Self.records(env)) ?? []
            return records.filter { $0.event?.id.hasPrefix("w-") == true }.count >= 40
                && records.contains { $0.event?.action == "service.started" && $0.event?.target?.name == "berth-tenancy" }
        }
        XCTAssertTrue(replayed, "the spooled events reached audit")
        let tenancyStopped = await tenancy.stop()
        XCTAssertTrue(tenancyStopped)
        let stoppedRecorded = await eventually(timeout: .seconds(10)) {
            ((try? await Self.records(env)) ?? []).contains {
                $0.event?.action == "service.stopped" && $0.event?.target?.name == "berth-tenancy"
            }
        }
        XCTAssertTrue(stoppedRecorded)
        let records = try await Self.records(env)
        let events = records.compactMap(\.event)
        XCTAssertEqual(Set(events.map(\.id)).count, events.count, "no duplicates by id")
        XCTAssertEqual(
            events.filter { $0.id.hasPrefix("w-") }.map(\.id), (0..<40).map { "w-\($0)" },
            "the gateway's events in the order they were posted")
        let auditActions = events.filter { $0.target?.name == "berth-audit" }.map(\.action)
        XCTAssertEqual(
            auditActions, ["service.started", "service.stopped", "service.started"],
            "berth-audit's own start, stop on SIGTERM, and restart, in its own chain")
        let tenancyActions = events.filter { $0.target?.name == "berth-tenancy" }.map(\.action)
        XCTAssertEqual(tenancyActions, ["service.started", "service.stopped"], "tenancy's own events, in order")

        // Refused input stores nothing: count before and after.
        let before = try await Self.records(env).count
        let malformed = try await Self.post(port, Data("{\"kind\":\"EventList\",\"items\":[".utf8))
        XCTAssertEqual(malformed, 400)
        let oversized = try await Self.post(port, Self.batch(100..<100 + 20_000))
        XCTAssertEqual(oversized, 413)
        let client = env.client(for: .audit)
        let tooMany = await rpcError {
            try await client.unary(
                AuditV1.append,
                AuditV1.AppendRequest(events: (0...1000).map { AuditV1.Event(id: "m-\($0)", action: "space.created") }))
        }
        XCTAssertEqual(tooMany?.code, .resourceExhausted)
        let unknown = await rpcError {
            try await client.unary(
                AuditV1.append,
                AuditV1.AppendRequest(events: [
                    AuditV1.Event(id: "u-1", action: "space.created"), AuditV1.Event(id: "u-2", action: "space.vanished"),
                ]))
        }
        XCTAssertEqual(unknown?.code, .invalidArgument)
        XCTAssertTrue(unknown?.message.contains("space.vanished") ?? false, "\(String(describing: unknown))")
        let after = try await Self.records(env).count
        XCTAssertEqual(after, before, "nothing of a refused batch is stored")
        let verified = try await client.unary(AuditV1.verify, AuditV1.VerifyRequest())
        XCTAssertTrue(verified.ok, verified.detail)

        let gatewayStopped = await gateway.stop()
        let auditStoppedAgain = await audit.stop()
        XCTAssertTrue(gatewayStopped && auditStoppedAgain)
    }
}
