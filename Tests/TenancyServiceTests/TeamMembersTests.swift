import BerthModel
import BerthRPC
import BerthStore
import BerthTesting
import Foundation
import Logging
import XCTest

@testable import TenancyService

final class TeamMembersTests: XCTestCase {
    func testOwnersChangeMembersOthersCannot() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try BerthDatabase.open(
            path: directory.path + "/tenancy.db", migrations: TenancyMigrations.all, logger: Logger(label: "test"))
        let handlers = TeamHandlers(store: SQLiteTeamStore(database: database), now: { Date(timeIntervalSince1970: 0) })
        let admin = Caller(username: "root", groups: [], isAdmin: true, source: "uid:0")
        let lead = Caller(username: "lena", groups: ["data-leads"], isAdmin: false, source: "uid:1010")
        let dev = Caller(username: "dan", groups: ["data-devs"], isAdmin: false, source: "uid:1011")
        let stranger = Caller(username: "sam", groups: ["other"], isAdmin: false, source: "uid:1012")
        _ = try await handlers.create(
            TenancyV1.CreateTeamRequest(
                team: TenancyV1.Team(
                    name: "data", groups: ["data-devs"],
                    members: [TenancyV1.TeamMember(kind: "group", name: "data-leads", role: "owner")])),
            caller: admin)

        let updated = try await handlers.updateMembers(
            TenancyV1.UpdateTeamMembersRequest(
                team: "data", add: [TenancyV1.TeamMember(kind: "user", name: "auditor", role: "viewer")],
                remove: [TenancyV1.TeamMember(kind: "group", name: "data-devs")]),
            caller: lead)
        XCTAssertEqual(updated.groups, [], "the member group was removed")
        XCTAssertEqual(updated.members.map(\.name).sorted(), ["auditor", "data-leads"])

        do {
            _ = try await handlers.updateMembers(TenancyV1.UpdateTeamMembersRequest(team: "data"), caller: stranger)
            XCTFail("a stranger changed the team")
        } catch let error as TenancyError {
            XCTAssertEqual(error.code, .notFound)
        }
        _ = try await handlers.updateMembers(
            TenancyV1.UpdateTeamMembersRequest(team: "data", add: [TenancyV1.TeamMember(kind: "group", name: "data-devs", role: "member")]),
            caller: admin)
        do {
            _ = try await handlers.updateMembers(TenancyV1.UpdateTeamMembersRequest(team: "data"), caller: dev)
            XCTFail("a member changed the team")
        } catch let error as TenancyError {
            XCTAssertEqual(error.code, .permissionDenied)
            XCTAssertTrue(error.message.contains("only owners"), error.message)
        }
        do {
            _ = try await handlers.updateMembers(
                TenancyV1.UpdateTeamMembersRequest(team: "data", add: [TenancyV1.TeamMember(kind: "robot", name: "x", role: "member")]),
                caller: admin)
            XCTFail("an invalid kind was accepted")
        } catch let error as TenancyError {
            XCTAssertEqual(error.code, .invalidArgument)
        }
    }
}
