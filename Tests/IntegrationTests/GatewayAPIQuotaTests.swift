import BerthTesting
import Foundation
import XCTest

/// A team's quota through `/api/v1/teams/{name}/quota` against the running gateway and berth-tenancy: the usage
/// summed over the spaces' template quotas, an admin lowering the quota below the usage (accepted, reported
/// as over quota, new spaces refused), members reading but not setting it, outsiders getting 404, bad bodies.
final class GatewayAPIQuotaTests: XCTestCase {
    func testQuotaAndUsageThroughTheAPI() async throws {
        try await GatewayAPIHarness.run { gateway in
            let admin = try await gateway.adminToken()
            let member = try await gateway.personToken("hank", adminToken: admin)
            let outsider = try await gateway.personToken("ivy", adminToken: admin)
            let team = try await gateway.post(
                "/api/v1/teams",
                json: #"{"name":"pay","members":[{"kind":"user","name":"hank","role":"member"}],"quota":{"maxSpaces":3,"cpu":"10","memory":"","storage":""}}"#,
                token: admin)
            XCTAssertEqual(team.status, 201, team.text)

            // 01: no spaces yet.
            let empty = try await gateway.get("/api/v1/teams/pay/quota", token: admin)
            XCTAssertEqual(empty.status, 200, empty.text)
            XCTAssertEqual((empty.jsonObject["usage"] as? [String: Any])?["spaces"] as? Int, 0)
            XCTAssertEqual((empty.jsonObject["quota"] as? [String: Any])?["cpu"] as? String, "10")
            XCTAssertEqual(empty.jsonObject["overQuota"] as? Bool, false)

            // 02: two spaces of the default template (4 cpu, 8Gi, 50Gi by default), one asking for less.
            let small = try await gateway.post(
                "/api/v1/spaces", json: #"{"name":"pay-a","team":"pay","values":{"cpu":"1500m","memory":"3Gi"}}"#, token: admin)
            XCTAssertEqual(small.status, 201, small.text)
            let standard = try await gateway.post("/api/v1/spaces", json: #"{"name":"pay-b","team":"pay"}"#, token: member)
            XCTAssertEqual(standard.status, 201, standard.text)
            let used = try await gateway.get("/api/v1/teams/pay/quota", token: member)
            XCTAssertEqual(used.status, 200, used.text)
            let usage = try XCTUnwrap(used.jsonObject["usage"] as? [String: Any], used.text)
            XCTAssertEqual(usage["spaces"] as? Int, 2)
            XCTAssertEqual(usage["cpu"] as? String, "5500m")
            XCTAssertEqual(usage["memory"] as? String, "11Gi")
            XCTAssertEqual(usage["storage"] as? String, "100Gi")
            XCTAssertEqual(used.jsonObject["exceeded"] as? [String], [])

            // 03: an admin lowers the quota below the usage: accepted and reported; new spaces are refused.
            let lowered = try await gateway.put("/api/v1/teams/pay/quota", json: #"{"maxSpaces":1,"cpu":"2","memory":"64Gi"}"#, token: admin)
            XCTAssertEqual(lowered.status, 200, lowered.text)
            XCTAssertEqual(lowered.jsonObject["exceeded"] as? [String], ["spaces", "cpu"])
            XCTAssertEqual(lowered.jsonObject["overQuota"] as? Bool, true)
            XCTAssertEqual((lowered.jsonObject["quota"] as? [String: Any])?["memory"] as? String, "64Gi")
            let refused = try await gateway.post("/api/v1/spaces", json: #"{"name":"pay-c","team":"pay"}"#, token: member)
            XCTAssertEqual(refused.status, 422, refused.text)
            XCTAssertEqual(try refused.problemCode(), "quota_exceeded")
            let team2 = try await gateway.get("/api/v1/teams/pay", token: admin)
            XCTAssertEqual((team2.jsonObject["quota"] as? [String: Any])?["maxSpaces"] as? Int, 1, "the team shows the new quota")
            let audited = try await eventually(timeout: .seconds(10)) {
                let events = try await gateway.get("/api/v1/audit/events?action=quota.set", token: admin)
                return (events.jsonObject["items"] as? [[String: Any]])?.count == 1
            }
            XCTAssertTrue(audited, "setting a quota is audited as quota.set")

            // 04: members read but do not set; outsiders and unknown teams get 404.
            let byMember = try await gateway.put("/api/v1/teams/pay/quota", json: #"{"maxSpaces":10}"#, token: member)
            XCTAssertEqual(byMember.status, 403, byMember.text)
            XCTAssertEqual(try byMember.problemCode(), "forbidden")
            let byOutsider = try await gateway.get("/api/v1/teams/pay/quota", token: outsider)
            XCTAssertEqual(byOutsider.status, 404, byOutsider.text)
            let unknown = try await gateway.get("/api/v1/teams/nope/quota", token: admin)
            XCTAssertEqual(unknown.status, 404, unknown.text)
            XCTAssertEqual(try unknown.problemCode(), "not_found")

            // 05: bad bodies: a quantity that is not one (422 from tenancy, naming it), a negative count (400).
            for quantity in ["lots", "-1", "1e999"] {
                let bad = try await gateway.put("/api/v1/teams/pay/quota", json: #"{"cpu":"\#(quantity)"}"#, token: admin)
                XCTAssertEqual(bad.status, 422, "\(quantity): \(bad.text)")
                XCTAssertEqual(try bad.problemCode(), "invalid_argument")
                XCTAssertTrue(bad.text.contains("Kubernetes quantity"), bad.text)
            }
            let negative = try await gateway.put("/api/v1/teams/pay/quota", json: #"{"maxSpaces":-1}"#, token: admin)
            XCTAssertEqual(negative.status, 400, negative.text)
            XCTAssertEqual(try negative.problemCode(), "invalid_request")

            // 06: raising it again lets spaces in.
            let raised = try await gateway.put("/api/v1/teams/pay/quota", json: #"{"maxSpaces":3,"cpu":"20"}"#, token: admin)
            XCTAssertEqual(raised.jsonObject["overQuota"] as? Bool, false, raised.text)
            let fits = try await gateway.post("/api/v1/spaces", json: #"{"name":"pay-c","team":"pay"}"#, token: member)
            XCTAssertEqual(fits.status, 201, fits.text)
        }
    }
}
