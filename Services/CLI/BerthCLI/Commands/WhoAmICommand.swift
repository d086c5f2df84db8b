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
}
