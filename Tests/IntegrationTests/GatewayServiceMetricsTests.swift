import BerthRPC
import BerthTesting
import Foundation
import XCTest

/// `/metrics` carries every service's own families next to the gateway's, scraped over their sockets: logins
/// (identity), spaces by phase and the reconcile queue (tenancy), append latency (audit) and sleep transitions
/// (sleep), each moving with what happened in the test. The text passes the strict Prometheus reader.
final class GatewayServiceMetricsTests: XCTestCase {
    func testTheGatewaysMetricsIncludeEveryServicesNumbers() async throws {
        try await GatewayAPIHarness.run { gateway in
            let identity = gateway.env.paths.socketPath(for: .identity)
            let token = try await gateway.adminToken()
            let wrong = await rpcError {
                try await UnixRPCClient.call(
                    socketPath: identity, IdentityV1.passwordLogin,
                    IdentityV1.PasswordLoginRequest(username: "admin", password: "not-the-password", clientId: "berth-cli"))
            }
            XCTAssertEqual(wrong?.code, .unauthenticated)

            let created = try await gateway.post("/api/v1/spaces", json: #"{"name":"metered"}"#, token: token)
            XCTAssertEqual(created.status, 201, created.text)
            let ready = try await eventually(timeout: .seconds(10)) {
                try await gateway.get("/api/v1/spaces/metered", token: token).jsonObject["state"] as? String == "Ready"
            }
            XCTAssertTrue(ready)
            let slept = try await gateway.post("/api/v1/spaces/metered/sleep", json: "{}", token: token)
            XCTAssertEqual(slept.status, 200, slept.text)

            let metrics = try await gateway.get("/metrics")
            XCTAssertEqual(metrics.status, 200)
            let samples = try PrometheusSamples.parse(metrics.text)
            XCTAssertEqual(samples[#"berth_identity_logins_total{outcome="success",via="password"}"#], 1, metrics.text)
            XCTAssertEqual(samples[#"berth_identity_logins_total{outcome="failure",via="password"}"#], 1, metrics.text)
            XCTAssertEqual(samples.filter { $0.key.hasPrefix(#"berth_tenancy_spaces{cluster="main""#) }.values.reduce(0, +), 1, metrics.text)
            XCTAssertTrue(metrics.text.contains("# TYPE berth_tenancy_reconcile_queue_depth gauge"), metrics.text)
            XCTAssertGreaterThan(samples["berth_audit_append_duration_seconds_count"] ?? 0, 0, metrics.text)
            XCTAssertGreaterThan(samples["berth_audit_events_appended_total"] ?? 0, 0, metrics.text)
            XCTAssertEqual(samples[#"berth_sleep_transitions_total{action="space.slept"}"#], 1, metrics.text)
            XCTAssertNil(samples[#"berth_sleep_transitions_total{action="space.woken"}"#])
        }
    }
}
