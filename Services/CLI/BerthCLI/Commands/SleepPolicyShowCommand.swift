import ArgumentParser
import BerthRPC

/// `berth sleep policy show --space NAME | --team NAME | --cluster-level --cluster NAME`
struct SleepPolicyShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a policy: what the level sets, the effective values and their sources.")

    @OptionGroup var scope: SleepPolicyScopeOptions
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        let view = try await client.client(for: .sleep).unary(
            SleepV1.getSleepPolicy, SleepV1.GetSleepPolicyRequest(level: scope.level, cluster: scope.cluster, name: scope.name))
        try output.print(view) { Self.table(view) }
    }

    /// FIELD, EFFECTIVE, SOURCE — also used by `berth space show`.
    static func table(_ view: SleepV1.SleepPolicyView) -> Table {
        let effective = view.effective ?? SleepV1.SleepPolicy()
        let sources = Dictionary(view.sources.map { ($0.field, $0.source) }, uniquingKeysWith: { first, _ in first })
        let values: [(String, String)] = [
            ("sleepAfter", effective.sleepAfter), ("windows", effective.windows.joined(separator: "; ")),
            ("deleteAfter", effective.deleteAfter), ("deleteWarning", effective.deleteWarning),
            ("preventWake", effective.preventWake), ("keepAwakeUntil", effective.keepAwakeUntil),
        ]
        return Table(
            header: ["SLEEP POLICY", "EFFECTIVE", "SOURCE"],
            rows: values.map { [$0.0, $0.1.isEmpty ? "-" : $0.1, sources[$0.0] ?? "default"] })
    }
}
