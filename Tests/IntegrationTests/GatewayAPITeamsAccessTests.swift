import BerthModel
import BerthRuntime
import BerthTesting
import Foundation
import GatewayService
import XCTest

/// Through the API, berth-tenancy decides as the caller's token says (the gateway forwards it): a member of team
/// alpha works in alpha; a member of beta neither sees nor touches alpha's space, and a non-admin cannot create
/// teams. Tokens come from a fixed table (the same verifier for gateway and tenancy), so the people need no
/// directory.
final class GatewayAPITeamsAccessTests: XCTestCase {
    static let verifier = StaticTokenVerifier([
        "alice-token": StaticTokenVerifier.person("alice"),
        "bob-token": StaticTokenVerifier.person("bob", groups: ["beta-devs"]),
        "root-token": StaticTokenVerifier.person("carol", groups: [BerthGroups.admins]),
    ])

    func testAMemberOfAnotherTeamNeitherSeesNorTouchesASpace() async throws {
        try await GatewayAPIHarness.run(verifier: Self.verifier) { gateway in
            let alpha = try await gateway.post(
                "/api/v1/teams", json: #"{"name":"alpha","members":[{"kind":"user","name":"alice","role":"member"}]}"#,
                token: "root-token")
            XCTAssertEqual(alpha.status, 201, alpha.text)
            let beta = try await gateway.post("/api/v1/teams", json: #"{"name":"beta","groups":["beta-devs"]}"#, token: "root-token")
            XCTAssertEqual(beta.status, 201, beta.text)

            let created = try await gateway.post(
                "/api/v1/spaces", json: #"{"name":"alpha-dev","team":"alpha"}"#, token: "alice-token")
            XCTAssertEqual(created.status, 201, created.text)
            XCTAssertEqual(try created.json()["owner"] as? String, "alice", "the token's person owns it, not the gateway")

            let hidden = try await gateway.get("/api/v1/spaces/alpha-dev", token: "bob-token")
            XCTAssertEqual(hidden.status, 404, hidden.text)
            XCTAssertEqual(try hidden.problemCode(), "not_found")
            let delete = try await gateway.send("DELETE", "/api/v1/spaces/alpha-dev", token: "bob-token")
            XCTAssertTrue([403, 404].contains(delete.status), delete.text)
            let bobsList = try await gateway.get("/api/v1/spaces", token: "bob-token")
            XCTAssertEqual((try bobsList.json()["items"] as? [Any])?.count, 0, bobsList.text)
            let intoAlpha = try await gateway.post(
                "/api/v1/spaces", json: #"{"name":"bob-in-alpha","team":"alpha"}"#, token: "bob-token")
            XCTAssertTrue([403, 404].contains(intoAlpha.status), intoAlpha.text)
            let newTeam = try await gateway.post("/api/v1/teams", json: #"{"name":"gamma"}"#, token: "bob-token")
            XCTAssertEqual(newTeam.status, 403, newTeam.text)
            XCTAssertEqual(try newTeam.problemCode(), "forbidden")

            let alicesOwn = try await gateway.get("/api/v1/spaces/alpha-dev", token: "alice-token")
            XCTAssertEqual(alicesOwn.status, 200, alicesOwn.text)
        }
    }
}
