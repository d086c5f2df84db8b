import BerthModel
import BerthRPC
import BerthTesting
import TenancyService
import XCTest

/// Tenancy's team RPCs, served in-process over a real Unix socket and a real SQLite file.
final class TenancyTeamsTests: XCTestCase {
    func testCreateListDuplicateAndInvalidName() async throws {
        let env = try TestEnvironment()
        defer { env.remove() }
        let host = try TenancyService.build(config: env.config, logger: .init(label: "test"))
        try await withRunningService(host, in: env) {
            let client = env.client(for: .tenancy)
            let created = try await client.unary(
                TenancyV1.createTeam,
                TenancyV1.CreateTeamRequest(team: TenancyV1.Team(name: "payments", groups: ["cn=payments"])))
            XCTAssertEqual(created.name, "payments")
            XCTAssertGreaterThan(created.createdUnixSeconds, 0)

            let duplicate = await rpcError {
                try await client.unary(
                    TenancyV1.createTeam, TenancyV1.CreateTeamRequest(team: TenancyV1.Team(name: "payments")))
            }
            XCTAssertEqual(duplicate?.code, .alreadyExists)
            XCTAssertTrue(duplicate?.message.contains("team \"payments\" already exists") ?? false, "\(String(describing: duplicate))")

            let invalid = await rpcError {
                try await client.unary(
                    TenancyV1.createTeam, TenancyV1.CreateTeamRequest(team: TenancyV1.Team(name: "Pay_ments")))
            }
            XCTAssertEqual(invalid?.code, .invalidArgument)
            XCTAssertTrue(invalid?.message.contains("not a DNS-1123 label") ?? false, "\(String(describing: invalid))")

            for name in ["alpha", "beta", "gamma"] {
                _ = try await client.unary(
                    TenancyV1.createTeam, TenancyV1.CreateTeamRequest(team: TenancyV1.Team(name: name)))
            }
            let first = try await client.unary(TenancyV1.listTeams, TenancyV1.ListTeamsRequest(pageSize: 2))
            XCTAssertEqual(first.teams.map(\.name), ["alpha", "beta"])
            XCTAssertEqual(first.teams.first?.groups, [])
            let second = try await client.unary(
                TenancyV1.listTeams, TenancyV1.ListTeamsRequest(pageSize: 2, pageToken: first.nextPageToken))
            XCTAssertEqual(second.teams.map(\.name), ["gamma", "payments"])
            let rest = try await client.unary(
                TenancyV1.listTeams, TenancyV1.ListTeamsRequest(pageSize: 2, pageToken: second.nextPageToken))
            XCTAssertEqual(rest.teams.map(\.name), [])
            XCTAssertEqual(rest.nextPageToken, "")
        }
    }

    func testTeamsSurviveARestart() async throws {
        let env = try TestEnvironment()
        defer { env.remove() }
        try await withRunningService(try TenancyService.build(config: env.config, logger: .init(label: "t")), in: env) {
            let client = env.client(for: .tenancy)
            _ = try await client.unary(
                TenancyV1.createTeam, TenancyV1.CreateTeamRequest(team: TenancyV1.Team(name: "kept")))
        }
        try await withRunningService(try TenancyService.build(config: env.config, logger: .init(label: "t")), in: env) {
            let client = env.client(for: .tenancy)
            let list = try await client.unary(TenancyV1.listTeams, TenancyV1.ListTeamsRequest())
            XCTAssertEqual(list.teams.map(\.name), ["kept"])
        }
    }
}
