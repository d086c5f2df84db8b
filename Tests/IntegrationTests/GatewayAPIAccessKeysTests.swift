import BerthTesting
import Foundation
import GatewayService
import XCTest

/// Access keys through `/api/v1`: a person creates a key for themselves (the token only in the 201), lists and
/// gets it without the secret, uses it as a bearer token, revokes it (then it is refused); scopes wider than the
/// person's rights and another user's keys are 403; an Idempotency-Key replays the create with the same token.
final class GatewayAPIAccessKeysTests: XCTestCase {
    func testAccessKeysThroughTheAPI() async throws {
        var options = GatewayOptions()
        options.tokenCache = .zero  // a revoked key is refused at once, not after the cache's 15 s
        try await GatewayAPIHarness.run(options: options) { gateway in
            let admin = try await gateway.adminToken()
            let person = try await gateway.personToken("gina", adminToken: admin)

            // 01: create: the token is in the 201 only; replaying the key answers the same token, not a second key.
            let body = #"{"name":"ci","scopes":["read-only"],"expiresInSeconds":3600}"#
            let created = try await gateway.post("/api/v1/access-keys", json: body, token: person, headers: ["Idempotency-Key": "k-1"])
            XCTAssertEqual(created.status, 201, created.text)
            let token = try XCTUnwrap(created.jsonObject["token"] as? String)
            XCTAssertTrue(token.hasPrefix("berth_ak_"), token)
            let key = try XCTUnwrap(created.jsonObject["key"] as? [String: Any])
            let id = try XCTUnwrap(key["id"] as? String)
            XCTAssertEqual(key["ownerUsername"] as? String, "gina")
            XCTAssertNotNil(key["expiresAt"] as? String)
            XCTAssertEqual(created.header("Location"), "/api/v1/access-keys/\(id)")
            let replay = try await gateway.post("/api/v1/access-keys", json: body, token: person, headers: ["Idempotency-Key": "k-1"])
            XCTAssertEqual(replay.header("Idempotent-Replayed"), "true")
            XCTAssertEqual(replay.jsonObject["token"] as? String, token)

            // 02: list and get never show the secret.
            let list = try await gateway.get("/api/v1/access-keys", token: person)
            XCTAssertEqual(list.status, 200, list.text)
            XCTAssertEqual((list.jsonObject["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String }, [id])
            XCTAssertFalse(list.text.contains(token), "no secret in the list")
            let one = try await gateway.get("/api/v1/access-keys/\(id)", token: person)
            XCTAssertEqual(one.status, 200, one.text)
            XCTAssertNil(one.jsonObject["token"])
            let adminsView = try await gateway.get("/api/v1/access-keys/\(id)", token: admin)
            XCTAssertEqual(adminsView.status, 200, "admins see anyone's")

            // 03: the key works as a bearer token (read-only: it may read its owner's keys).
            let asKey = try await gateway.get("/api/v1/access-keys", token: token)
            XCTAssertEqual(asKey.status, 200, asKey.text)

            // 04: refusals: wider scope than the person's rights, everyone's keys, a bad body, an unknown key.
            let wider = try await gateway.post("/api/v1/access-keys", json: #"{"name":"x","scopes":["admin"]}"#, token: person)
            XCTAssertEqual(wider.status, 403, wider.text)
            XCTAssertEqual(try wider.problemCode(), "forbidden")
            let everyone = try await gateway.get("/api/v1/access-keys?owner=*", token: person)
            XCTAssertEqual(everyone.status, 403, everyone.text)
            let noScopes = try await gateway.post("/api/v1/access-keys", json: #"{"name":"x"}"#, token: person)
            XCTAssertEqual(noScopes.status, 400, noScopes.text)
            XCTAssertEqual(try noScopes.problemCode(), "invalid_request")
            let emptyScopes = try await gateway.post("/api/v1/access-keys", json: #"{"name":"x","scopes":[]}"#, token: person)
            XCTAssertEqual(emptyScopes.status, 422, emptyScopes.text)
            XCTAssertEqual(try emptyScopes.problemCode(), "invalid_argument")
            let unknown = try await gateway.get("/api/v1/access-keys/no-such-key", token: person)
            XCTAssertEqual(unknown.status, 404, unknown.text)
            XCTAssertEqual(try unknown.problemCode(), "not_found")
            let badFlag = try await gateway.get("/api/v1/access-keys?includeRevoked=maybe", token: person)
            XCTAssertEqual(badFlag.status, 400, badFlag.text)

            // 05: revoke: the key is refused from then on, and listed as revoked only on request.
            let revoked = try await gateway.send("DELETE", "/api/v1/access-keys/\(id)", token: person)
            XCTAssertEqual(revoked.status, 200, revoked.text)
            XCTAssertNotNil(revoked.jsonObject["revokedAt"] as? String)
            let refused = try await gateway.get("/api/v1/access-keys", token: token)
            XCTAssertEqual(refused.status, 401, "a revoked key stops working: \(refused.text)")
            let active = try await gateway.get("/api/v1/access-keys", token: person)
            XCTAssertEqual((active.jsonObject["items"] as? [Any])?.count, 0, active.text)
            let all = try await gateway.get("/api/v1/access-keys?includeRevoked=true", token: person)
            XCTAssertEqual((all.jsonObject["items"] as? [Any])?.count, 1, all.text)
        }
    }
}
