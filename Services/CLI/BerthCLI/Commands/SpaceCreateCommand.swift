import ArgumentParser
import BerthRPC

/// `berth space create NAME [--team T] [--template T] [--set k=v] [--label k=v] [--ttl 72h]`
struct SpaceCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a space in a team (or a personal one).",
        discussion: """
            The space becomes a namespace of the same name, with the template's quota, limits, network isolation, \
            Pod Security level and role bindings. It is Pending until the cluster matches; `berth space show NAME` \
            tells why when it is not Ready.

            Examples:
              berth space create payments-dev --team payments
              berth space create alice-try --ttl 72h
              berth space create big-batch --team data --template default --set cpu=16 --set memory=64Gi
            """)

    @Argument(help: "The space's name: lowercase letters, digits and '-', starting with a letter, at most 63.")
    var name: String
    @Option(help: "The team that owns the space; without it the space is personal.") var team = ""
    @Option(help: "The template (`berth template list`); default: default.") var template = ""
    @Option(name: .customLong("template-version"), help: "A template version; default: the newest.")
    var templateVersion: UInt32 = 0
    @Option(name: .customLong("set"), help: "A template parameter, NAME=VALUE (repeatable).") var values: [String] = []
    @Option(name: .customLong("label"), help: "A label on the namespace, KEY=VALUE (repeatable).") var labels: [String] = []
    @Option(help: "Delete the space after this long (e.g. 8h, 72h); default: never.") var ttl: String?
    @Flag(name: .customLong("delete-protection"), help: "Refuse deletes until protection is turned off.")
    var deleteProtection = false
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        let space = TenancyV1.Space(
            name: name, team: team, template: template, templateVersion: templateVersion,
            values: try Self.pairs(values, option: "--set"), labels: try Self.pairs(labels, option: "--label"),
            ttlSeconds: try ttl.map(Self.seconds) ?? 0, deleteProtection: deleteProtection)
        let created = try await client.client(for: .tenancy).unary(
            TenancyV1.createSpace, TenancyV1.CreateSpaceRequest(space: space))
        try output.print(created) { SpaceListCommand.table([created]) }
    }

    static func pairs(_ values: [String], option: String) throws -> [TenancyV1.KeyValue] {
        try values.map { text in
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw ValidationError("\(option) \(text): write KEY=VALUE")
            }
            return TenancyV1.KeyValue(key: String(text[..<equals]), value: String(text[text.index(after: equals)...]))
        }
    }

    /// "90m", "8h", "3d" (days are 24h).
    static func seconds(_ text: String) throws -> Int64 {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        guard let unit = text.last, let factor = units[unit], let value = Int64(text.dropLast()), value > 0 else {
            throw ValidationError("--ttl \(text): write a positive number with s, m, h or d, e.g. 72h")
        }
        return value * factor
    }
}
