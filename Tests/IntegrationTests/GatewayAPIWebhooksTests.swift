import BerthTesting
import Foundation
import XCTest

/// Outgoing audit webhooks through `/api/v1/webhooks` against the running gateway and berth-audit: an admin
/// registers one (the secret only in the 201), an event becomes a delivery, which lists and is redelivered; a
/// non-admin is refused (403); bad bodies are refused; unknown webhooks and deliveries are 404; delete.
final class GatewayAPIWebhooksTests: XCTestCase {
    func testWebhooksThroughTheAPI() async throws {
        try await GatewayAPIHarness.run { gateway in
            let admin = try await gateway.adminToken()
            let person = try await gateway.personToken("kim", adminToken: admin)

            // 01: register (nothing listens on port 1: deliveries stay pending or fail, which is what is listed).
            let created = try await gateway.post(
                "/api/v1/webhooks", json: #"{"name":"itsm","url":"http://127.0.0.1:1/hook","actions":["team."]}"#, token: admin,
                headers: ["Idempotency-Key": "w-1"])
            XCTAssertEqual(created.status, 201, created.text)
            let secret = try XCTUnwrap(created.jsonObject["secret"] as? String)
            XCTAssertFalse(secret.isEmpty)
            let id = try XCTUnwrap((created.jsonObject["webhook"] as? [String: Any])?["id"] as? String)
            XCTAssertEqual(created.header("Location"), "/api/v1/webhooks/\(id)")
            let list = try await gateway.get("/api/v1/webhooks", token: admin)
            XCTAssertEqual((list.jsonObject["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String }, [id])
            XCTAssertFalse(list.text.contains(secret), "the secret is shown once")
            let one = try await gateway.get("/api/v1/webhooks/\(id)", token: admin)
            XCTAssertEqual(one.jsonObject["actions"] as? [String], ["team."])

            // 02: a matching event becomes a delivery; it can be sent again.
            let teamCreated = try await gateway.post("/api/v1/teams", json: #"{"name":"hooked"}"#, token: admin)
            XCTAssertEqual(teamCreated.status, 201)
            var deliveryID: String?
            let delivered = try await eventually(timeout: .seconds(10)) {
                let page = try await gateway.get("/api/v1/webhooks/\(id)/deliveries", token: admin)
                let items = page.jsonObject["items"] as? [[String: Any]] ?? []
                deliveryID = items.first { $0["action"] as? String == "team.created" }?["id"] as? String
                return deliveryID != nil
            }
            XCTAssertTrue(delivered, "team.created became a delivery")
            let delivery = try XCTUnwrap(deliveryID)
            let redelivered = try await gateway.post("/api/v1/webhooks/\(id)/deliveries/\(delivery)/redeliver", json: "", token: admin)
            XCTAssertEqual(redelivered.status, 200, redelivered.text)
            XCTAssertEqual(redelivered.jsonObject["id"] as? String, delivery)
            XCTAssertEqual(redelivered.jsonObject["state"] as? String, "pending")
            let filtered = try await gateway.get("/api/v1/webhooks/\(id)/deliveries?state=delivered", token: admin)
            XCTAssertEqual((filtered.jsonObject["items"] as? [Any])?.count, 0, filtered.text)

            // 03: a non-admin is refused everywhere.
            for (method, path) in [
                ("GET", "/api/v1/webhooks"), ("POST", "/api/v1/webhooks"), ("GET", "/api/v1/webhooks/\(id)/deliveries"),
                ("DELETE", "/api/v1/webhooks/\(id)"),
            ] {
                let body = method == "POST" ? Data(#"{"name":"mine","url":"http://127.0.0.1:1/"}"#.utf8) : nil
                let refused = try await gateway.send(method, path, token: person, body: body)
                XCTAssertEqual(refused.status, 403, "\(method) \(path): \(refused.text)")
                XCTAssertEqual(try refused.problemCode(), "forbidden")
            }

            // 04: bad bodies and unknown things.
            let badURL = try await gateway.post("/api/v1/webhooks", json: #"{"name":"bad","url":"ftp://x"}"#, token: admin)
            XCTAssertEqual(badURL.status, 422, badURL.text)
            XCTAssertEqual(try badURL.problemCode(), "invalid_argument")
            let noURL = try await gateway.post("/api/v1/webhooks", json: #"{"name":"bad"}"#, token: admin)
            XCTAssertEqual(noURL.status, 400, noURL.text)
            let badState = try await gateway.get("/api/v1/webhooks/\(id)/deliveries?state=lost", token: admin)
            XCTAssertEqual(badState.status, 400, badState.text)
            for path in ["/api/v1/webhooks/nope", "/api/v1/webhooks/nope/deliveries"] {
                let missing = try await gateway.get(path, token: admin)
                XCTAssertEqual(missing.status, 404, "\(path): \(missing.text)")
                XCTAssertEqual(try missing.problemCode(), "not_found")
            }
            let noDelivery = try await gateway.post("/api/v1/webhooks/\(id)/deliveries/nope/redeliver", json: "", token: admin)
            XCTAssertEqual(noDelivery.status, 404, noDelivery.text)

            // 05: delete; then it is gone.
            let webhookDeleted = try await gateway.send("DELETE", "/api/v1/webhooks/\(id)", token: admin)
            XCTAssertEqual(webhookDeleted.status, 204)
            let webhookGone = try await gateway.get("/api/v1/webhooks/\(id)", token: admin)
            XCTAssertEqual(webhookGone.status, 404)
            let again = try await gateway.send("DELETE", "/api/v1/webhooks/\(id)", token: admin)
            XCTAssertEqual(again.status, 404, again.text)
        }
    }
}
