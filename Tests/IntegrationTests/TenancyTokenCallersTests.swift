import BerthKube
import BerthModel
import BerthRPC
import BerthRuntime
import BerthTesting
import Foundation
import IdentityService
import Logging
import TenancyService
import XCTest

/// berth-tenancy acting for people identified by their Berth token (the gateway forwards each API caller's token
/// as `authorization` metadata): a member works in their team, another team's member neither sees nor touches
/// those spaces, non-admins cannot change clusters, teams or templates, and a refused token is `unauthenticated`.
final class TenancyTokenCallersTests: XCTestCase {
    static let verifier = StaticTokenVerifier([
        "alice-token": StaticTokenVerifier.person("alice"),
        "bob-token": StaticTokenVerifier.person("bob", groups: ["beta-devs"]),
        "root-token": StaticTokenVerifier.person("carol", groups: [BerthGroups.admins]),
    ])

    static func bearer(_ token: String) -> [String: String] { BearerToken.metadata(forwarding: token) }

    func testPeopleSeeAndChangeOnlyTheirTeamsSpaces() async throws {
        try await FakeKubernetesAPI.withRunning { api in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let kubeconfig = directory.path + "/kubeconfig"
            try api.kubeconfigYAML().write(toFile: kubeconfig, atomically: true, encoding: .utf8)
            let env = try TestEnvironment { config in
                config.tenancy.kubeconfig = kubeconfig
                config.tenancy.clusterName = "main"
            }
            defer { env.remove() }
            let host = try TenancyService.build(config: env.config, logger: Logger(label: "test"), verifier: Self.verifier)
            try await withRunningService(host, in: env) {
                let client = env.client(for: .tenancy)
                // 00-setup: the local admin (peer credentials) creates two teams.
                _ = try await client.unary(
                    TenancyV1.createTeam,
                    TenancyV1.CreateTeamRequest(
                        team: TenancyV1.Team(
                            name: "alpha", members: [TenancyV1.TeamMember(kind: "user", name: "alice", role: "member")])))
                _ = try await client.unary(
                    TenancyV1.createTeam, TenancyV1.CreateTeamRequest(team: TenancyV1.Team(name: "beta", groups: ["beta-devs"])))

                // 01: alice creates a space in her team, as herself.
                let created = try await client.unary(
                    TenancyV1.createSpace,
                    TenancyV1.CreateSpaceRequest(space: TenancyV1.Space(name: "alpha-dev", team: "alpha")),
                    metadata: Self.bearer("alice-token"))
                XCTAssertEqual(created.owner, "alice", "the owner is the token's person, not the gateway's uid")

                // 02: bob (team beta) neither sees nor touches it, and cannot create in alpha.
                let hidden = await rpcError {
                    try await client.unary(
                        TenancyV1.getSpace, TenancyV1.GetSpaceRequest(name: "alpha-dev"), metadata: Self.bearer("bob-token"))
                }
                XCTAssertEqual(hidden?.code, .notFound)
                let bobsList = try await client.unary(
                    TenancyV1.listSpaces, TenancyV1.ListSpacesRequest(), metadata: Self.bearer("bob-token"))
                XCTAssertEqual(bobsList.spaces.map(\.name), [])
                let deleteRefused = await rpcError {
                    try await client.unary(
                        TenancyV1.deleteSpace, TenancyV1.DeleteSpaceRequest(name: "alpha-dev"), metadata: Self.bearer("bob-token"))
                }
                XCTAssertEqual(deleteRefused?.code, .notFound)
                let createRefused = await rpcError {
                    try await client.unary(
                        TenancyV1.createSpace,
                        TenancyV1.CreateSpaceRequest(space: TenancyV1.Space(name: "alpha-bob", team: "alpha")),
                        metadata: Self.bearer("bob-token"))
                }
                XCTAssertNotNil(createRefused)
                XCTAssertTrue(
                    [.notFound, .permissionDenied].contains(createRefused?.code), String(describing: createRefused))

                // 03: teams and clusters as a non-admin: only their own teams, no cluster credentials, no changes.
                let bobsTeams = try await client.unary(
                    TenancyV1.listTeams, TenancyV1.ListTeamsRequest(), metadata: Self.bearer("bob-token"))
                XCTAssertEqual(bobsTeams.teams.map(\.name), ["beta"])
                let clusters = try await client.unary(
                    TenancyV1.listClusters, TenancyV1.ListClustersRequest(), metadata: Self.bearer("alice-token"))
                XCTAssertEqual(clusters.clusters.map(\.name), ["main"])
                XCTAssertEqual(clusters.clusters.map(\.kubeconfig), [""], "only admins see where credentials are")
                let removeRefused = await rpcError {
                    try await client.unary(
                        TenancyV1.removeCluster, TenancyV1.RemoveClusterRequest(name: "main"),
                        metadata: Self.bearer("alice-token"))
                }
                XCTAssertEqual(removeRefused?.code, .permissionDenied)
                let teamRefused = await rpcError {
                    try await client.unary(
                        TenancyV1.createTeam, TenancyV1.CreateTeamRequest(team: TenancyV1.Team(name: "gamma")),
                        metadata: Self.bearer("alice-token"))
                }
                XCTAssertEqual(teamRefused?.code, .permissionDenied)

                // 04: a member of berth-admins sees everything and where the credentials are.
                let adminList = try await client.unary(
                    TenancyV1.listSpaces, TenancyV1.ListSpacesRequest(), metadata: Self.bearer("root-token"))
                XCTAssertEqual(adminList.spaces.map(\.name), ["alpha-dev"])
                let adminClusters = try await client.unary(
                    TenancyV1.listClusters, TenancyV1.ListClustersRequest(), metadata: Self.bearer("root-token"))
                XCTAssertEqual(adminClusters.clusters.map(\.kubeconfig), [kubeconfig])

                // 05: a token identity refuses is refused, and nothing is created with it.
                let forged = await rpcError {
                    try await client.unary(
                        TenancyV1.createSpace,
                        TenancyV1.CreateSpaceRequest(space: TenancyV1.Space(name: "forged-dev", team: "alpha")),
                        metadata: Self.bearer("forged"))
                }
                XCTAssertEqual(forged?.code, .unauthenticated)
                let all = try await client.unary(TenancyV1.listSpaces, TenancyV1.ListSpacesRequest())
                XCTAssertEqual(all.spaces.map(\.name), ["alpha-dev"])
            }
        }
    }

    /// The real path: berth-identity mints the bootstrap admin's ID token, tenancy verifies it over identity's
    /// socket (`IdentityTokenVerifier`, audience `berth-cli`) and treats `berth-admins` as admin; a token with a
    /// changed payload is refused.
    func testTenancyVerifiesTokensThroughIdentity() async throws {
        let root = try TemporaryDirectory(prefix: "tokens")
        defer { root.remove() }
        let passwordFile = root.appending("admin-password")
        try "tenancy-token-test-password".write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let env = try TestEnvironment { $0.admin.bootstrapPasswordFile = passwordFile }
        defer { env.remove() }
        let logger = Logger(label: "test")
        try await withRunningService(try IdentityService.build(config: env.config, logger: logger), in: env) {
            try await withRunningService(try TenancyService.build(config: env.config, logger: logger), in: env) {
                let login = try await env.client(for: .identity).unary(
                    IdentityV1.passwordLogin,
                    IdentityV1.PasswordLoginRequest(
                        connectorId: "local", username: "admin", password: "tenancy-token-test-password",
                        clientId: "berth-cli"))
                let tenancy = env.client(for: .tenancy)
                let team = try await tenancy.unary(
                    TenancyV1.createTeam, TenancyV1.CreateTeamRequest(team: TenancyV1.Team(name: "ops")),
                    metadata: Self.bearer(login.idToken))
                XCTAssertEqual(team.name, "ops")

                var parts = login.idToken.split(separator: ".").map(String.init)
                parts[1] = String(parts[1].reversed())
                let tampered = await rpcError {
                    try await tenancy.unary(
                        TenancyV1.listTeams, TenancyV1.ListTeamsRequest(), metadata: Self.bearer(parts.joined(separator: ".")))
                }
                XCTAssertEqual(tampered?.code, .unauthenticated, String(describing: tampered))
            }
        }
    }
}
