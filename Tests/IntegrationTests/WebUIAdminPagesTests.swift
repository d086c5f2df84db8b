import BerthRPC
import BerthTesting
import Foundation
import XCTest

/// The admin pages over plain HTTP against the running services (`GatewayAPIHarness`): what the browser test
/// does not go through. A person outside berth-admins gets the 403 page on every admin page and POST; a POST
/// without the session's CSRF token changes nothing; a refused template definition comes back inline with what
/// was typed; the savings CSV has the REST API's columns; the audit search takes every filter and explains a bad
/// time instead of ignoring it.
final class WebUIAdminPagesTests: XCTestCase {
    func testAdminPagesAreForAdminsAndExplainRefusals() async throws {
        try await GatewayAPIHarness.run { harness in
            let admin = try await harness.adminToken()
            _ = try await harness.env.client(for: .identity).unary(
                IdentityV1.createUser,
                IdentityV1.CreateUserRequest(username: "dana", displayName: "Dana", password: "dana-password-123"))
            let dana = try await UnixRPCClient.call(
                socketPath: harness.env.paths.socketPath(for: .identity), IdentityV1.passwordLogin,
                IdentityV1.PasswordLoginRequest(username: "dana", password: "dana-password-123", clientId: "berth-cli")
            ).idToken

            func page(_ path: String, _ token: String) async throws -> HTTPAnswer {
                try await harness.get(path, headers: ["Cookie": "berth_session=\(token)"])
            }
            func post(_ path: String, _ token: String, _ fields: [(String, String)], csrf: Bool = true) async throws
                -> HTTPAnswer
            {
                // The token the portal's own forms carry for this session (its sign-out form is on every page).
                let spaces = try await page("/ui/spaces", token).text
                let value = spaces.components(separatedBy: "name=\"csrf\" value=\"").dropFirst().first?.prefix { $0 != "\"" }
                let all = (csrf ? [("csrf", String(value ?? ""))] : []) + fields
                let body = all.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
                return try await harness.send(
                    "POST", path, body: Data(body.utf8),
                    headers: ["Cookie": "berth_session=\(token)", "Content-Type": "application/x-www-form-urlencoded"])
            }

            // Not an admin: 403 on every admin page and form, and the navigation offers none of them.
            for path in [
                "/ui/admin/teams", "/ui/admin/teams/x", "/ui/admin/templates", "/ui/admin/clusters", "/ui/admin/sleep",
                "/ui/admin/savings", "/ui/admin/savings.csv", "/ui/audit",
            ] {
                let answer = try await page(path, dana)
                XCTAssertEqual(answer.status, 403, path)
                XCTAssertTrue(answer.text.contains("Not allowed"), path)
            }
            let refusedPost = try await post("/ui/admin/teams", dana, [("name", "sneaky")])
            XCTAssertEqual(refusedPost.status, 403)
            let danasSpaces = try await page("/ui/spaces", dana)
            XCTAssertFalse(danasSpaces.text.contains("/ui/admin/teams"), "no admin links for dana")

            // An admin without the CSRF token: refused, nothing created.
            let forged = try await post("/ui/admin/teams", admin, [("name", "forged")], csrf: false)
            XCTAssertEqual(forged.status, 403)
            let teams = try await harness.env.client(for: .tenancy).unary(TenancyV1.listTeams, TenancyV1.ListTeamsRequest())
            XCTAssertFalse(teams.teams.contains { $0.name == "forged" || $0.name == "sneaky" })

            // A team with a bad quota number: the form says so and keeps the values.
            let badQuota = try await post("/ui/admin/teams", admin, [("name", "data"), ("maxSpaces", "many")])
            XCTAssertEqual(badQuota.status, 422)
            XCTAssertTrue(badQuota.text.contains("Maximum spaces &quot;many&quot; is not a whole number"), badQuota.text)
            XCTAssertTrue(badQuota.text.contains("value=\"data\""), "the name is kept")

            // Members: added, then removed with the team page's Remove form.
            let createdTeam = try await post("/ui/admin/teams", admin, [("name", "data"), ("maxSpaces", "2")])
            XCTAssertEqual(createdTeam.status, 200, "redirected to the team's page")
            XCTAssertTrue(createdTeam.text.contains("<h1>Team data</h1>"), createdTeam.text)
            let added = try await post(
                "/ui/admin/teams/data/members", admin, [("op", "add"), ("kind", "group"), ("member", "data-eng"), ("role", "viewer")])
            XCTAssertTrue(added.text.contains("Added group data-eng as viewer."), added.text)
            func members() async throws -> [TenancyV1.TeamMember] {
                let list = try await harness.env.client(for: .tenancy).unary(TenancyV1.listTeams, TenancyV1.ListTeamsRequest())
                return list.teams.first { $0.name == "data" }?.members ?? []
            }
            let afterAdd = try await members()
            XCTAssertTrue(afterAdd.contains(TenancyV1.TeamMember(kind: "group", name: "data-eng", role: "viewer")), "\(afterAdd)")
            let removed = try await post(
                "/ui/admin/teams/data/members", admin,
                [("op", "remove"), ("kind", "group"), ("member", "data-eng"), ("role", "viewer")])
            XCTAssertTrue(removed.text.contains("Removed group data-eng."), removed.text)
            let afterRemove = try await members()
            XCTAssertFalse(afterRemove.contains { $0.name == "data-eng" }, "\(afterRemove)")

            // The quota: saved through SetTeamQuota, shown with tenancy's usage; a bad number is explained.
            let quota = try await post(
                "/ui/admin/teams/data/quota", admin, [("maxSpaces", "4"), ("cpu", "6"), ("memory", ""), ("storage", "")])
            XCTAssertTrue(quota.text.contains("The quota of team data is saved."), quota.text)
            XCTAssertTrue(quota.text.contains("<th scope=\"row\">Spaces</th><td>0</td>\n<td>4</td>"), quota.text)
            let status = try await harness.env.client(for: .tenancy).unary(
                TenancyV1.getTeamQuota, TenancyV1.GetTeamQuotaRequest(team: "data"))
            XCTAssertEqual(status.quota?.maxSpaces, 4)
            XCTAssertEqual(status.quota?.cpu, "6")
            let badNumber = try await post("/ui/admin/teams/data/quota", admin, [("maxSpaces", "-1")])
            XCTAssertEqual(badNumber.status, 422)
            XCTAssertTrue(badNumber.text.contains("Maximum spaces &quot;-1&quot; is not a whole number"), badNumber.text)

            // Templates: a refused definition comes back inline; a good one becomes the next version.
            let refused = try await post(
                "/ui/admin/templates", admin, [("name", "tiny"), ("definition", "colour: red\n")])
            XCTAssertEqual(refused.status, 422)
            XCTAssertTrue(refused.text.contains("id=\"definition-error\""), refused.text)
            XCTAssertTrue(refused.text.contains("unknown key"), refused.text)
            XCTAssertTrue(refused.text.contains(">colour: red\n</textarea>"), "the definition is kept")
            let created = try await post(
                "/ui/admin/templates", admin,
                [("name", "tiny"), ("definition", "podSecurity: restricted\nquota: {cpu: \"1\", memory: 1Gi}\n")])
            XCTAssertEqual(created.status, 200, created.text)
            XCTAssertTrue(created.text.contains("Template tiny version 1 is created."), created.text)
            XCTAssertTrue(created.text.contains("<th scope=\"row\">tiny</th><td>1</td>"), created.text)

            // A sleep policy for a level that does not exist is explained, not a blank page.
            let unknownLevel = try await page("/ui/admin/sleep?level=galaxy&name=x", admin)
            XCTAssertEqual(unknownLevel.status, 422)
            XCTAssertTrue(unknownLevel.text.contains("class=\"error\""), unknownLevel.text)

            // Savings: a bad `since` is explained; the CSV has the REST API's header.
            let badSince = try await page("/ui/admin/savings?since=yesterday", admin)
            XCTAssertEqual(badSince.status, 422)
            XCTAssertTrue(badSince.text.contains("yesterday"), badSince.text)
            let csv = try await page("/ui/admin/savings.csv?since=7d", admin)
            XCTAssertEqual(csv.status, 200)
            XCTAssertEqual(csv.header("Content-Type"), "text/csv; charset=utf-8")
            XCTAssertEqual(
                csv.text.split(separator: "\n").first.map(String.init),
                "scope,cluster,space,team,hours_asleep,cpu_core_hours,memory_gib_hours,cost")

            // Audit: every filter reaches the query (the template just created is found by target and outcome;
            // an outcome it did not have finds nothing), and a bad time is explained.
            // (tenancy records through its audit client, which delivers in the background: poll)
            let found = await eventually {
                let answer = try? await page(
                    "/ui/audit?targetKind=template&targetName=tiny.v1&outcome=allowed&since=2000-01-01&actor=admin&action=template.",
                    admin)
                return answer?.status == 200 && answer?.text.contains("template tiny.v1</td>") == true
            }
            XCTAssertTrue(found, "the template's audit event is found by every filter it matches")
            let none = try await page("/ui/audit?targetKind=template&targetName=tiny.v1&outcome=denied", admin)
            XCTAssertFalse(none.text.contains("template tiny.v1</td>"), none.text)
            let future = try await page("/ui/audit?targetKind=template&until=2000-01-01", admin)
            XCTAssertFalse(future.text.contains("template tiny.v1</td>"), "until bounds the search")
            let otherActor = try await page("/ui/audit?targetKind=template&actor=dana", admin)
            XCTAssertFalse(otherActor.text.contains("template tiny.v1</td>"), "actor filters")
            let badTime = try await page("/ui/audit?since=last%20week", admin)
            XCTAssertEqual(badTime.status, 422)
            XCTAssertTrue(badTime.text.contains("From &quot;last week&quot; is not a time"), badTime.text)
        }
    }

    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
