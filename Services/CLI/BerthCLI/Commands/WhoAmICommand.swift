import ArgumentParser
import BerthRPC

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
    }
}
