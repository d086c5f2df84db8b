import BerthModel
import BerthRPC
import BerthStore
import BerthTesting
import Foundation
import Logging
import Synchronization
import XCTest

@testable import TenancyService

/// The space RPCs' rules, driven directly with callers of different standing (the socket tests cover transport).
final class SpaceHandlersTests: XCTestCase {
    static let admin = Caller(username: "root", groups: [], isAdmin: true, source: "uid:0")
    static let alice = Caller(username: "alice", groups: ["payments-devs"], isAdmin: false, source: "uid:1001")
    static let bob = Caller(username: "bob", groups: ["search-devs"], isAdmin: false, source: "uid:1002")

    final class Queue: Sendable {
        let items = Mutex<[String]>([])
    }

    static func withHandlers(
        personalLimit: Int = 2, _ body: @Sendable (SpaceHandlers, Queue) async throws -> Void
    ) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try BerthDatabase.open(
            path: directory.path + "/tenancy.db", migrations: TenancyMigrations.all, logger: Logger(label: "test"))
        let spaces = SQLiteSpaceStore(database: database)
        try spaces.saveTemplatesNow(BuiltInTemplates.all)
        let teams = SQLiteTeamStore(database: database)
        try await teams.create(Team(name: try DNSLabel("payments"), displayName: "", groups: ["payments-devs"], createdAt: Date()))
        try await teams.create(Team(name: try DNSLabel("search"), displayName: "", groups: ["search-devs"], createdAt: Date()))
        try await teams.create(
            Team(
                name: try DNSLabel("data"), displayName: "", groups: [],
                members: [
                    TeamMembership(kind: .group, name: "data-leads", role: .owner),
                    TeamMembership(kind: .group, name: "data-devs", role: .member),
                    TeamMembership(kind: .user, name: "auditor", role: .viewer),
                ],
                quota: TeamQuota(maxSpaces: 3, cpu: "10", memory: "64Gi"), createdAt: Date()))
        let queue = Queue()
        let handlers = SpaceHandlers(
            store: spaces, teams: teams, renderer: TemplateRenderer(), clusters: { [try DNSLabel("main")] },
            personalSpaceLimit: personalLimit, audit: TenancyAudit(recorder: nil, logger: Logger(label: "test")),
            enqueue: { cluster, name in queue.items.withLock { $0.append("\(cluster)/\(name)") } },
            now: { Date(timeIntervalSince1970: 1_000_000) }, logger: Logger(label: "test"))
        try await body(handlers, queue)
    }

    static func create(
        _ handlers: SpaceHandlers, _ name: String, team: String = "", caller: Caller,
        values: [TenancyV1.KeyValue] = [], labels: [TenancyV1.KeyValue] = [], ttl: Int64 = 0, template: String = ""
    ) async throws -> TenancyV1.Space {
        try await handlers.create(
            TenancyV1.CreateSpaceRequest(
                space: TenancyV1.Space(name: name, team: team, template: template, values: values, labels: labels, ttlSeconds: ttl)),
            caller: caller)
    }

    static func assertError(
        _ code: TenancyError.Code, containing fragment: String, file: StaticString = #filePath, line: UInt = #line,
        _ body: () async throws -> Void
    ) async {
        do {
            try await body()
            XCTFail("no error", file: file, line: line)
        } catch let error as TenancyError {
            XCTAssertEqual(error.code, code, error.message, file: file, line: line)
            XCTAssertTrue(error.message.contains(fragment), error.message, file: file, line: line)
        } catch {
            XCTFail("\(error)", file: file, line: line)
        }
    }

    func testAMemberCreatesInTheirTeamAndTheControllerIsTold() async throws {
        try await Self.withHandlers { handlers, queue in
            let space = try await Self.create(handlers, "payments-dev", team: "payments", caller: Self.alice, values: [.init(key: "cpu", value: "2")], ttl: 3600)
            XCTAssertEqual(space.phase, "Pending")
            XCTAssertEqual(space.owner, "alice")
            XCTAssertEqual(space.template, "default")
            XCTAssertEqual(space.templateVersion, 1)
            XCTAssertEqual(space.expiresUnixSeconds, 1_000_000 + 3600)
            XCTAssertEqual(queue.items.withLock { $0 }, ["main/payments-dev"])
        }
    }

    func testAnotherTeamsSpacesAreInvisibleAndUntouchable() async throws {
        try await Self.withHandlers { handlers, _ in
            _ = try await Self.create(handlers, "payments-dev", team: "payments", caller: Self.alice)
            await Self.assertError(.notFound, containing: "not a member") {
                _ = try await Self.create(handlers, "sneaky", team: "payments", caller: Self.bob)
            }
            await Self.assertError(.notFound, containing: "not found") {
                _ = try await handlers.get(TenancyV1.GetSpaceRequest(name: "payments-dev"), caller: Self.bob)
            }
            await Self.assertError(.notFound, containing: "not found") {
                _ = try await handlers.delete(TenancyV1.DeleteSpaceRequest(name: "payments-dev"), caller: Self.bob)
            }
            let bobSees = try await handlers.list(TenancyV1.ListSpacesRequest(), caller: Self.bob)
            XCTAssertEqual(bobSees.spaces, [])
            let bobAsksForPayments = try await handlers.list(TenancyV1.ListSpacesRequest(team: "payments"), caller: Self.bob)
            XCTAssertEqual(bobAsksForPayments.spaces, [], "naming the team does not widen what bob may see")
            let aliceSees = try await handlers.list(TenancyV1.ListSpacesRequest(), caller: Self.alice)
            XCTAssertEqual(aliceSees.spaces.map(\.name), ["payments-dev"])
            let adminSees = try await handlers.list(TenancyV1.ListSpacesRequest(), caller: Self.admin)
            XCTAssertEqual(adminSees.spaces.map(\.name), ["payments-dev"])
        }
    }

    func testPersonalSpacesAreLimitedAndPrivate() async throws {
        try await Self.withHandlers(personalLimit: 2) { handlers, _ in
            _ = try await Self.create(handlers, "alice-one", caller: Self.alice)
            _ = try await Self.create(handlers, "alice-two", caller: Self.alice)
            await Self.assertError(.quotaExceeded, containing: "alice has 2 personal spaces, the limit is 2") {
                _ = try await Self.create(handlers, "alice-three", caller: Self.alice)
            }
            let bobSees = try await handlers.list(TenancyV1.ListSpacesRequest(), caller: Self.bob)
            XCTAssertEqual(bobSees.spaces, [])
            _ = try await Self.create(handlers, "admin-extra", caller: Self.admin)
        }
    }

    func testBadInputIsRefusedAndNothingIsStored() async throws {
        try await Self.withHandlers { handlers, queue in
            await Self.assertError(.invalidArgument, containing: "not a DNS-1123 label") {
                _ = try await Self.create(handlers, "Bad_Name", caller: Self.alice)
            }
            await Self.assertError(.invalidTemplate, containing: "does not match") {
                _ = try await Self.create(handlers, "ok-name", caller: Self.alice, values: [.init(key: "cpu", value: "lots")])
            }
            await Self.assertError(.invalidTemplate, containing: "has no parameter 'colour'") {
                _ = try await Self.create(handlers, "ok-name", caller: Self.alice, values: [.init(key: "colour", value: "red")])
            }
            await Self.assertError(.invalidArgument, containing: "Berth's own") {
                _ = try await Self.create(handlers, "ok-name", caller: Self.alice, labels: [.init(key: "berth.dev/space", value: "x")])
            }
            await Self.assertError(.invalidArgument, containing: "not valid") {
                _ = try await Self.create(handlers, "ok-name", caller: Self.alice, labels: [.init(key: "env", value: "a b")])
            }
            await Self.assertError(.invalidArgument, containing: "out of range") {
                _ = try await Self.create(handlers, "ok-name", caller: Self.alice, ttl: 5)
            }
            await Self.assertError(.notFound, containing: "template \"nope\" does not exist") {
                _ = try await Self.create(handlers, "ok-name", caller: Self.alice, template: "nope")
            }
            await Self.assertError(.notFound, containing: "team \"ghost\" does not exist") {
                _ = try await Self.create(handlers, "ok-name", team: "ghost", caller: Self.alice)
            }
            let all = try await handlers.list(TenancyV1.ListSpacesRequest(), caller: Self.admin)
            XCTAssertEqual(all.spaces, [])
            XCTAssertEqual(queue.items.withLock { $0 }, [])
        }
    }

    func testDeleteMarksTerminatingAndDeleteProtectionRefuses() async throws {
        try await Self.withHandlers { handlers, queue in
            _ = try await Self.create(handlers, "alice-one", caller: Self.alice)
            let deleted = try await handlers.delete(TenancyV1.DeleteSpaceRequest(name: "alice-one"), caller: Self.alice)
            XCTAssertEqual(deleted.phase, "Terminating")
            let after = try await handlers.get(TenancyV1.GetSpaceRequest(name: "alice-one"), caller: Self.alice)
            XCTAssertEqual(after.phase, "Terminating")
            XCTAssertEqual(queue.items.withLock { $0 }, ["main/alice-one", "main/alice-one"])

            _ = try await handlers.create(
                TenancyV1.CreateSpaceRequest(space: TenancyV1.Space(name: "precious", deleteProtection: true)), caller: Self.admin)
            await Self.assertError(.invalidArgument, containing: "delete protection") {
                _ = try await handlers.delete(TenancyV1.DeleteSpaceRequest(name: "precious"), caller: Self.admin)
            }
        }
    }

    func testTemplatesListTheNewestVersions() async throws {
        try await Self.withHandlers { handlers, _ in
            let listed = try await handlers.listTemplates(TenancyV1.ListTemplatesRequest())
            XCTAssertEqual(listed.templates.map(\.name), ["default", "restricted"])
            XCTAssertEqual(listed.templates.first?.parameters.map(\.name), ["cpu", "memory", "storage"])
        }
    }

    static let lead = Caller(username: "lena", groups: ["data-leads"], isAdmin: false, source: "uid:1010")
    static let dev1 = Caller(username: "dan", groups: ["data-devs"], isAdmin: false, source: "uid:1011")
    static let dev2 = Caller(username: "dora", groups: ["data-devs"], isAdmin: false, source: "uid:1012")
    static let auditor = Caller(username: "auditor", groups: [], isAdmin: false, source: "uid:1013")

    func testRolesDecideWhoCreatesSeesAndDeletes() async throws {
        try await Self.withHandlers { handlers, _ in
            _ = try await Self.create(handlers, "data-dan", team: "data", caller: Self.dev1, values: [.init(key: "cpu", value: "1")])
            _ = try await Self.create(handlers, "data-dora", team: "data", caller: Self.dev2, values: [.init(key: "cpu", value: "1")])
            await Self.assertError(.notFound, containing: "not a member") {
                _ = try await Self.create(handlers, "data-audit", team: "data", caller: Self.auditor)
            }
            let auditorSees = try await handlers.list(TenancyV1.ListSpacesRequest(), caller: Self.auditor)
            XCTAssertEqual(auditorSees.spaces.map(\.name), ["data-dan", "data-dora"], "a viewer sees the team's spaces")
            await Self.assertError(.permissionDenied, containing: "only the team's owners or the space's owner (dora)") {
                _ = try await handlers.delete(TenancyV1.DeleteSpaceRequest(name: "data-dora"), caller: Self.dev1)
            }
            await Self.assertError(.permissionDenied, containing: "may delete") {
                _ = try await handlers.delete(TenancyV1.DeleteSpaceRequest(name: "data-dan"), caller: Self.auditor)
            }
            _ = try await handlers.delete(TenancyV1.DeleteSpaceRequest(name: "data-dan"), caller: Self.dev1)
            _ = try await handlers.delete(TenancyV1.DeleteSpaceRequest(name: "data-dora"), caller: Self.lead)
        }
    }

    func testTeamQuotaRefusesWithUsedAskedAndLimit() async throws {
        try await Self.withHandlers { handlers, _ in
            _ = try await Self.create(handlers, "data-a", team: "data", caller: Self.dev1, values: [.init(key: "cpu", value: "4"), .init(key: "memory", value: "16Gi")])
            _ = try await Self.create(handlers, "data-b", team: "data", caller: Self.dev1, values: [.init(key: "cpu", value: "4"), .init(key: "memory", value: "16Gi")])
            await Self.assertError(.quotaExceeded, containing: "team data would use 12 cpu of its 10 limit (used 8, asked 4)") {
                _ = try await Self.create(handlers, "data-c", team: "data", caller: Self.dev1, values: [.init(key: "cpu", value: "4")])
            }
            await Self.assertError(.quotaExceeded, containing: "would use 80Gi memory of its 64Gi limit (used 32Gi, asked 48Gi)") {
                _ = try await Self.create(handlers, "data-c", team: "data", caller: Self.dev1, values: [.init(key: "cpu", value: "1"), .init(key: "memory", value: "48Gi")])
            }
            _ = try await Self.create(handlers, "data-c", team: "data", caller: Self.dev1, values: [.init(key: "cpu", value: "2"), .init(key: "memory", value: "8Gi")])
            await Self.assertError(.quotaExceeded, containing: "team data has 3 spaces, the limit is 3") {
                _ = try await Self.create(handlers, "data-d", team: "data", caller: Self.lead, values: [.init(key: "cpu", value: "500m")])
            }
        }
    }

    func testConcurrentCreatesCannotPassTheTeamQuotaTogether() async throws {
        try await Self.withHandlers { handlers, _ in
            let results = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<6 {
                    group.addTask {
                        (try? await Self.create(
                            handlers, "race-\(index)", team: "data", caller: Self.dev1, values: [.init(key: "cpu", value: "1")])) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            XCTAssertEqual(results.filter { $0 }.count, 3, "exactly maxSpaces creates succeed")
        }
    }

    func testRoleBindingsFollowTeamRoles() throws {
        let team = Team(
            name: try DNSLabel("data"), displayName: "", groups: ["data-all"],
            members: [TeamMembership(kind: .group, name: "data-leads", role: .owner), TeamMembership(kind: .user, name: "auditor", role: .viewer)],
            createdAt: Date())
        XCTAssertEqual(team.roleSubjects, RoleSubjects(groups: [.member: ["data-all"], .owner: ["data-leads"]], users: [.viewer: ["auditor"]]))
        XCTAssertEqual(team.role(of: Self.lead), .owner)
        XCTAssertEqual(team.role(of: Caller(username: "x", groups: ["data-all", "data-leads"], isAdmin: false, source: "")), .owner, "the strongest role wins")
        XCTAssertNil(team.role(of: Self.bob))
    }

    func testTemplateVersionsAndUpgrade() async throws {
        try await Self.withHandlers { handlers, queue in
            let definition = """
                podSecurity: restricted
                quota: {cpu: "1", memory: 1Gi}
                isolateNetwork: false
                """
            await Self.assertError(.invalidTemplate, containing: "unknown key") {
                _ = try await handlers.createTemplate(TenancyV1.CreateTemplateRequest(name: "tiny", definitionYaml: "colour: red\n"), caller: Self.admin)
            }
            let first = try await handlers.createTemplate(TenancyV1.CreateTemplateRequest(name: "tiny", definitionYaml: definition), caller: Self.admin)
            XCTAssertEqual(first.version, 1)
            let second = try await handlers.createTemplate(
                TenancyV1.CreateTemplateRequest(name: "tiny", definitionYaml: definition.replacingOccurrences(of: "cpu: \"1\"", with: "cpu: \"2\"")),
                caller: Self.admin)
            XCTAssertEqual(second.version, 2)
            let fetched = try await handlers.getTemplate(TenancyV1.GetTemplateRequest(name: "tiny", version: 1))
            XCTAssertEqual(fetched.version, 1)

            _ = try await handlers.create(
                TenancyV1.CreateSpaceRequest(space: TenancyV1.Space(name: "alice-tiny", template: "tiny", templateVersion: 1)),
                caller: Self.alice)
            await Self.assertError(.notFound, containing: "not found") {
                _ = try await handlers.upgrade(TenancyV1.UpgradeSpaceRequest(name: "alice-tiny"), caller: Self.bob)
            }
            let upgraded = try await handlers.upgrade(TenancyV1.UpgradeSpaceRequest(name: "alice-tiny"), caller: Self.alice)
            XCTAssertEqual(upgraded.templateVersion, 2)
            XCTAssertEqual(upgraded.phase, "Pending")
            let stored = try await handlers.get(TenancyV1.GetSpaceRequest(name: "alice-tiny"), caller: Self.alice)
            XCTAssertEqual(stored.templateVersion, 2)
            XCTAssertEqual(queue.items.withLock { $0 }.last, "main/alice-tiny")
            await Self.assertError(.notFound, containing: "version 9 does not exist") {
                _ = try await handlers.upgrade(TenancyV1.UpgradeSpaceRequest(name: "alice-tiny", templateVersion: 9), caller: Self.alice)
            }
        }
    }

    func testAutomaticTemplatesMoveTheirSpacesAlongUnlessTheNewVersionRefusesThem() async throws {
        try await Self.withHandlers { handlers, queue in
            let v1 = """
                upgradePolicy: automatic
                parameters:
                - {name: size, default: "1", pattern: "[0-9]+"}
                quota: {cpu: "${size}"}
                """
            _ = try await handlers.createTemplate(TenancyV1.CreateTemplateRequest(name: "auto", definitionYaml: v1), caller: Self.admin)
            _ = try await handlers.create(
                TenancyV1.CreateSpaceRequest(space: TenancyV1.Space(name: "small", template: "auto")), caller: Self.admin)
            _ = try await handlers.create(
                TenancyV1.CreateSpaceRequest(space: TenancyV1.Space(name: "huge", template: "auto", values: [.init(key: "size", value: "123")])),
                caller: Self.admin)
            // v2 allows one digit only: "huge" (123) cannot follow and stays on v1.
            let v2 = v1.replacingOccurrences(of: "[0-9]+", with: "[0-9]")
            let second = try await handlers.createTemplate(TenancyV1.CreateTemplateRequest(name: "auto", definitionYaml: v2), caller: Self.admin)
            XCTAssertEqual(second.version, 2)
            let small = try await handlers.get(TenancyV1.GetSpaceRequest(name: "small"), caller: Self.admin)
            let huge = try await handlers.get(TenancyV1.GetSpaceRequest(name: "huge"), caller: Self.admin)
            XCTAssertEqual(small.templateVersion, 2)
            XCTAssertEqual(huge.templateVersion, 1)
            XCTAssertEqual(queue.items.withLock { $0 }.last, "main/small")
        }
    }
}
