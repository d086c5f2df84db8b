import BerthTesting
import Foundation
import XCTest

/// Sleep policies through `/api/v1/sleep-policies/{scope}/{name}` against the running gateway, tenancy and
/// berth-sleep: an admin sets a cluster and a team policy; a space's view shows the effective values with each
/// one's source; a non-admin may read but not set; bad values, scopes and bodies are refused; unknown spaces 404.
final class GatewayAPISleepPolicyTests: XCTestCase {
    func testSleepPoliciesThroughTheAPI() async throws {
        try await GatewayAPIHarness.run { gateway in
            let admin = try await gateway.adminToken()
            let person = try await gateway.personToken("jo", adminToken: admin)
            let teamCreated = try await gateway.post("/api/v1/teams", json: #"{"name":"ops"}"#, token: admin)
            XCTAssertEqual(teamCreated.status, 201)
            let space = try await gateway.post("/api/v1/spaces", json: #"{"name":"ops-dev","team":"ops"}"#, token: admin)
            XCTAssertEqual(space.status, 201, space.text)

            // 01: cluster and team levels.
            let cluster = try await gateway.put("/api/v1/sleep-policies/cluster/main", json: #"{"sleepAfter":"2h","deleteAfter":"never"}"#, token: admin)
            XCTAssertEqual(cluster.status, 200, cluster.text)
            XCTAssertEqual((cluster.jsonObject["own"] as? [String: Any])?["sleepAfter"] as? String, "2h")
            let team = try await gateway.put("/api/v1/sleep-policies/team/ops", json: #"{"sleepAfter":"30m"}"#, token: admin)
            XCTAssertEqual(team.status, 200, team.text)

            // 02: the space inherits: effective values with their sources.
            let view = try await gateway.get("/api/v1/sleep-policies/space/ops-dev", token: person)
            XCTAssertEqual(view.status, 200, view.text)
            XCTAssertEqual((view.jsonObject["effective"] as? [String: Any])?["sleepAfter"] as? String, "30m")
            XCTAssertEqual((view.jsonObject["effective"] as? [String: Any])?["deleteAfter"] as? String, "never")
            let sources = Dictionary(
                ((view.jsonObject["sources"] as? [[String: Any]]) ?? []).compactMap { entry in
                    (entry["field"] as? String).flatMap { field in (entry["source"] as? String).map { (field, $0) } }
                }, uniquingKeysWith: { first, _ in first })
            XCTAssertEqual(sources["sleepAfter"], "team ops", view.text)
            XCTAssertEqual(sources["deleteAfter"], "cluster main", view.text)
            XCTAssertEqual((view.jsonObject["own"] as? [String: Any])?.count, 0, "the space sets nothing itself")

            // 03: a non-admin may not set a policy.
            let refused = try await gateway.put("/api/v1/sleep-policies/space/ops-dev", json: #"{"sleepAfter":"5m"}"#, token: person)
            XCTAssertEqual(refused.status, 403, refused.text)
            XCTAssertEqual(try refused.problemCode(), "forbidden")

            // 04: refusals: a value berth-sleep cannot parse, a scope that is none, a body of the wrong shape, a
            // space that does not exist.
            let badValue = try await gateway.put("/api/v1/sleep-policies/team/ops", json: #"{"sleepAfter":"soon"}"#, token: admin)
            XCTAssertEqual(badValue.status, 422, badValue.text)
            XCTAssertEqual(try badValue.problemCode(), "invalid_argument")
            let badScope = try await gateway.get("/api/v1/sleep-policies/galaxy/ops", token: admin)
            XCTAssertEqual(badScope.status, 400, badScope.text)
            XCTAssertEqual(try badScope.problemCode(), "invalid_request")
            let badBody = try await gateway.put("/api/v1/sleep-policies/team/ops", json: #"{"windows":"Mon-Fri"}"#, token: admin)
            XCTAssertEqual(badBody.status, 400, badBody.text)
            let unknown = try await gateway.get("/api/v1/sleep-policies/space/no-such-space", token: admin)
            XCTAssertEqual(unknown.status, 404, unknown.text)
            XCTAssertEqual(try unknown.problemCode(), "not_found")
        }
    }
}
