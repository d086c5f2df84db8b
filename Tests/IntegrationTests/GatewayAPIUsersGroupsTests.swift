import BerthTesting
import Foundation
import XCTest

/// Users and groups through `/api/v1` against the running gateway and berth-identity: create (with an
/// Idempotency-Key replay), list with filter and cursor, get, PATCH, group members, delete; a non-admin's token
/// is refused by identity (403), an admin cannot deactivate or delete themselves (403), a bad body (also an
/// explicit null) is a 400 problem, an unknown name (or a user id in place of the username) a 404.
final class GatewayAPIUsersGroupsTests: XCTestCase {
    func testUsersAndGroupsThroughTheAPI() async throws {
        try await GatewayAPIHarness.run { gateway in
            let admin = try await gateway.adminToken()

            // 01: create a user; the same Idempotency-Key and body get the stored answer, not a second user.
            let body = #"{"username":"erin","displayName":"Erin E","email":"erin@example.com","groups":["ops"]}"#
            let created = try await gateway.post("/api/v1/users", json: body, token: admin, headers: ["Idempotency-Key": "u-1"])
            XCTAssertEqual(created.status, 201, created.text)
            XCTAssertEqual(created.header("Location"), "/api/v1/users/erin")
            XCTAssertEqual(created.jsonObject["groups"] as? [String], ["ops"])
            XCTAssertEqual(created.jsonObject["active"] as? Bool, true)
            let erinID = try XCTUnwrap(created.jsonObject["id"] as? String)
            let replay = try await gateway.post("/api/v1/users", json: body, token: admin, headers: ["Idempotency-Key": "u-1"])
            XCTAssertEqual(replay.status, 201, replay.text)
            XCTAssertEqual(replay.header("Idempotent-Replayed"), "true")
            XCTAssertEqual(replay.jsonObject["id"] as? String, erinID)
            let again = try await gateway.post("/api/v1/users", json: body, token: admin)
            XCTAssertEqual(again.status, 409, again.text)
            XCTAssertEqual(try again.problemCode(), "already_exists")

            // 02: list: exact username, substring, and pages of one with a cursor.
            let byName = try await gateway.get("/api/v1/users?username=erin", token: admin)
            XCTAssertEqual((byName.jsonObject["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String }, [erinID])
            let search = try await gateway.get("/api/v1/users?q=example.com", token: admin)
            XCTAssertEqual((search.jsonObject["items"] as? [[String: Any]])?.count, 1, search.text)
            var seen: [String] = []
            var path = "/api/v1/users?limit=1"
            for _ in 0..<5 {
                let page = try await gateway.get(path, token: admin)
                XCTAssertEqual(page.status, 200, page.text)
                seen += (page.jsonObject["items"] as? [[String: Any]] ?? []).compactMap { $0["username"] as? String }
                guard let cursor = page.jsonObject["nextCursor"] as? String else { break }
                path = "/api/v1/users?limit=1&cursor=\(cursor)"
            }
            XCTAssertEqual(Set(seen), ["admin", "erin"], "every user once over the pages")
            XCTAssertEqual(seen.count, 2)

            // 03: get and PATCH; only what is present changes.
            let got = try await gateway.get("/api/v1/users/erin", token: admin)
            XCTAssertEqual(got.jsonObject["email"] as? String, "erin@example.com")
            let patched = try await gateway.patch("/api/v1/users/erin", json: #"{"active":false,"displayName":"Erin"}"#, token: admin)
            XCTAssertEqual(patched.status, 200, patched.text)
            XCTAssertEqual(patched.jsonObject["active"] as? Bool, false)
            XCTAssertEqual(patched.jsonObject["displayName"] as? String, "Erin")
            XCTAssertEqual(patched.jsonObject["email"] as? String, "erin@example.com")

            // 04: groups: create with a member, get, add and remove members, list by name.
            let group = try await gateway.post("/api/v1/groups", json: #"{"name":"release","memberIds":["\#(erinID)"]}"#, token: admin)
            XCTAssertEqual(group.status, 201, group.text)
            XCTAssertEqual(group.header("Location"), "/api/v1/groups/release")
            XCTAssertEqual(group.jsonObject["memberIds"] as? [String], [erinID])
            let adminUser = try await gateway.get("/api/v1/users/admin", token: admin)
            let adminID = try XCTUnwrap(adminUser.jsonObject["id"] as? String, adminUser.text)
            let members = try await gateway.post(
                "/api/v1/groups/release/members", json: #"{"add":["\#(adminID)"],"remove":["\#(erinID)"]}"#, token: admin)
            XCTAssertEqual(members.status, 200, members.text)
            XCTAssertEqual(members.jsonObject["memberIds"] as? [String], [adminID])
            let listed = try await gateway.get("/api/v1/groups?name=release", token: admin)
            XCTAssertEqual((listed.jsonObject["items"] as? [[String: Any]])?.count, 1, listed.text)
            let groupGot = try await gateway.get("/api/v1/groups/release", token: admin)
            XCTAssertEqual(groupGot.status, 200)

            // 05: a non-admin is refused by identity, on reads and writes.
            let person = try await gateway.personToken("frank", adminToken: admin)
            for (method, path, json) in [
                ("GET", "/api/v1/users", nil), ("POST", "/api/v1/users", #"{"username":"mallory"}"#),
                ("PATCH", "/api/v1/users/erin", #"{"active":true}"#), ("DELETE", "/api/v1/users/erin", nil),
                ("GET", "/api/v1/groups", nil), ("POST", "/api/v1/groups", #"{"name":"sneaky"}"#),
                ("DELETE", "/api/v1/groups/release", nil),
            ] as [(String, String, String?)] {
                let refused = try await gateway.send(method, path, token: person, body: json.map { Data($0.utf8) })
                XCTAssertEqual(refused.status, 403, "\(method) \(path): \(refused.text)")
                XCTAssertEqual(try refused.problemCode(), "forbidden")
            }

            // 06: bad bodies are 400 problems; unknown names 404.
            let noName = try await gateway.post("/api/v1/users", json: #"{"email":"x@example.com"}"#, token: admin)
            XCTAssertEqual(noName.status, 400, noName.text)
            XCTAssertEqual(try noName.problemCode(), "invalid_request")
            let wrongType = try await gateway.patch("/api/v1/users/erin", json: #"{"active":"yes"}"#, token: admin)
            XCTAssertEqual(wrongType.status, 400, wrongType.text)
            let null = try await gateway.patch("/api/v1/users/erin", json: #"{"email":null}"#, token: admin)
            XCTAssertEqual(null.status, 400, "null is off the schema, not 'unchanged': \(null.text)")
            XCTAssertEqual(try null.problemCode(), "invalid_request")
            for path in ["/api/v1/users/nobody", "/api/v1/groups/nothing", "/api/v1/users/\(erinID)"] {
                let missing = try await gateway.get(path, token: admin)
                XCTAssertEqual(missing.status, 404, "\(path): \(missing.text)")
                XCTAssertEqual(try missing.problemCode(), "not_found")
            }

            // 07: an admin cannot lock themselves out.
            let selfDeactivate = try await gateway.patch("/api/v1/users/admin", json: #"{"active":false}"#, token: admin)
            XCTAssertEqual(selfDeactivate.status, 403, selfDeactivate.text)
            let selfDelete = try await gateway.send("DELETE", "/api/v1/users/admin", token: admin)
            XCTAssertEqual(selfDelete.status, 403, selfDelete.text)
            let stillIn = try await gateway.get("/api/v1/users/admin", token: admin)
            XCTAssertEqual(stillIn.jsonObject["active"] as? Bool, true, stillIn.text)

            // 08: delete both; then they are gone.
            let groupDeleted = try await gateway.send("DELETE", "/api/v1/groups/release", token: admin)
            XCTAssertEqual(groupDeleted.status, 204)
            let userDeleted = try await gateway.send("DELETE", "/api/v1/users/erin", token: admin)
            XCTAssertEqual(userDeleted.status, 204)
            let userGone = try await gateway.get("/api/v1/users/erin", token: admin)
            XCTAssertEqual(userGone.status, 404)
            let groupGone = try await gateway.get("/api/v1/groups/release", token: admin)
            XCTAssertEqual(groupGone.status, 404)
        }
    }
}
