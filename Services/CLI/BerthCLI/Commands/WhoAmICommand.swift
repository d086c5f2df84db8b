import ArgumentParser
import BerthRPC
import Foundation

/// `berth whoami`: who the services see you as.
struct WhoAmICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami", abstract: "Show who Berth sees you as (on the host: your kernel identity).")

    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        if let server = try client.remoteServer(for: .identity) { return try await remote(server) }
        let identity = try client.client(for: .identity)
        let me = try await identity.unary(IdentityV1.whoAmI, IdentityV1.WhoAmIRequest())
        try output.print(me) {
            Table(
                header: ["USER", "UID", "GID", "GROUPS", "LOCAL-ADMIN", "AUTHENTICATED-BY"],
                rows: [[
                    me.username.isEmpty ? "-" : me.username, "\(me.uid)", "\(me.gid)",
                    me.groups.joined(separator: ","), me.localAdmin ? "yes" : "no", me.authenticatedBy,
                ]])
        }
        // After `berth login`: who the cached token says you are (table output only; json/yaml stay the RPC's).
        if output == .table, let login = LoginTokenCache.standard().load()?.entry {
            let expired = login.expiresAt <= Int64(Date().timeIntervalSince1970)
            print("logged in: \(login.username) (subject \(login.subject))\(expired ? ", token expired: berth login" : "")")
        }
    }

    /// Away from the host the kernel identity means nothing: show whom the token names, as the gateway's OIDC
    /// `userinfo` endpoint answers for it.
    private func remote(_ server: String) async throws {
        let token = try await client.bearerToken(for: server)
        let answer = try await client.http(server).send(.GET, "/userinfo", headers: [("Authorization", "Bearer \(token)")])
        guard answer.status == 200,
            let claims = try? JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any]
        else {
            throw RPCClientError(
                code: answer.status == 401 ? .unauthenticated : .unavailable,
                message: "\(server) did not say who the token is (HTTP \(answer.status)): run `berth login --server \(server)`")
        }
        let me = RemoteIdentity(
            server: server, subject: claims["sub"] as? String ?? "",
            username: claims["preferred_username"] as? String ?? "", email: claims["email"] as? String ?? "",
            groups: claims["groups"] as? [String] ?? [])
        try output.print(me) {
            Table(
                header: ["USER", "SUBJECT", "GROUPS", "SERVER"],
                rows: [[me.username.isEmpty ? "-" : me.username, me.subject, me.groups.joined(separator: ","), me.server]])
        }
    }
}

/// `berth whoami` through the gateway: the token's person.
struct RemoteIdentity: Encodable {
    let server: String
    let subject: String
    let username: String
    let email: String
    let groups: [String]
}
