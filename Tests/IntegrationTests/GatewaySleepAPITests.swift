import BerthTesting
import Foundation
import XCTest

/// Sleep and wake through the REST API, against the running gateway, tenancy, sleep and the fake Kubernetes API:
/// the state of a new space, sleep (with prevent-wake), wake, keep-awake, the savings report as JSON and CSV, and
/// the refusals (no token, unknown space, a bad body).
final class GatewaySleepAPITests: XCTestCase {
    func testSleepWakeKeepAwakeAndSavingsThroughTheAPI() async throws {
        try await GatewayAPIHarness.run { gateway in
            let token = try await gateway.adminToken()
            let created = try await gateway.post("/api/v1/spaces", json: #"{"name":"nap-dev"}"#, token: token)
            XCTAssertEqual(created.status, 201, created.text)
            let ready = try await eventually(timeout: .seconds(10)) {
                try await gateway.get("/api/v1/spaces/nap-dev", token: token).jsonObject["state"] as? String == "Ready"
            }
            XCTAssertTrue(ready)

            // 01: awake to begin with.
            let initial = try await gateway.get("/api/v1/spaces/nap-dev/sleep", token: token)
            XCTAssertEqual(initial.status, 200, initial.text)
            XCTAssertEqual(initial.jsonObject["state"] as? String, "awake")

            // 02: sleep, with prevent-wake: asleep once every object is.
            let slept = try await gateway.post("/api/v1/spaces/nap-dev/sleep", json: #"{"preventWake":true}"#, token: token)
            XCTAssertEqual(slept.status, 200, slept.text)
            XCTAssertEqual(slept.jsonObject["state"] as? String, "asleep")
            XCTAssertEqual(slept.jsonObject["preventWake"] as? Bool, true)

            // 03: an explicit wake by an admin wakes it.
            let woken = try await gateway.post("/api/v1/spaces/nap-dev/wake", json: "{}", token: token)
            XCTAssertEqual(woken.status, 200, woken.text)
            XCTAssertEqual(woken.jsonObject["state"] as? String, "awake")

            // 04: keep it awake until a time; a time that is not RFC 3339 is a 400 problem.
            let until = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3600))
            let kept = try await gateway.post("/api/v1/spaces/nap-dev/keep-awake", json: #"{"until":"\#(until)"}"#, token: token)
            XCTAssertEqual(kept.status, 200, kept.text)
            XCTAssertNotNil(kept.jsonObject["keepAwakeUntil"] as? String)
            let badTime = try await gateway.post("/api/v1/spaces/nap-dev/keep-awake", json: #"{"until":"tomorrow"}"#, token: token)
            XCTAssertEqual(badTime.status, 400, badTime.text)
            XCTAssertEqual(badTime.header("Content-Type"), "application/problem+json")

            // 05: the savings report: the space slept a moment, so it is listed; CSV for spreadsheets.
            let report = try await gateway.get("/api/v1/reports/savings?since=1d", token: token)
            XCTAssertEqual(report.status, 200, report.text)
            let spaces = (report.jsonObject["spaces"] as? [[String: Any]]) ?? []
            XCTAssertEqual(spaces.compactMap { $0["space"] as? String }, ["nap-dev"])
            let csv = try await gateway.get("/api/v1/reports/savings?since=1d", token: token, headers: ["Accept": "text/csv"])
            XCTAssertEqual(csv.status, 200)
            XCTAssertTrue(csv.header("Content-Type")?.hasPrefix("text/csv") == true)
            let lines = csv.text.split(separator: "\n").map(String.init)
            XCTAssertEqual(lines.first, "scope,cluster,space,team,hours_asleep,cpu_core_hours,memory_gib_hours,cost")
            XCTAssertTrue(lines.contains { $0.hasPrefix("space,main,nap-dev,") }, csv.text)

            // 06: refusals.
            let anonymous = try await gateway.post("/api/v1/spaces/nap-dev/wake", json: "{}", token: nil)
            XCTAssertEqual(anonymous.status, 401)
            let unknown = try await gateway.get("/api/v1/spaces/no-such-space/sleep", token: token)
            XCTAssertEqual(unknown.status, 404, unknown.text)
            let badTimeout = try await gateway.post("/api/v1/spaces/nap-dev/wake", json: #"{"timeoutSeconds":0}"#, token: token)
            XCTAssertEqual(badTimeout.status, 400, badTimeout.text)
        }
    }
}

extension HTTPAnswer {
    /// The JSON object body, or an empty one (the assertion that follows then says what was missing).
    var jsonObject: [String: Any] { (try? JSONSerialization.jsonObject(with: body) as? [String: Any]) ?? [:] }
}
