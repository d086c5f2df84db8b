import ArgumentParser
import BerthRPC
import Foundation

/// `berth admin ldap test USER`: what an LDAP connector finds for a user, step by step.
struct AdminLdapTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test", abstract: "Look a user up through an LDAP connector and show the DN, groups and why.",
        discussion: """
            Runs the connector's login lookup as berth-identity does (service bind, user search with the username \
            escaped, then groups, nested to nestedDepth) and prints the filter used, the DN found, each group with \
            the chain of groups that leads to it, and why a login would fail. With --password-file the password \
            (the file's first line) is checked by binding as the user; without it only the lookup runs. Local \
            admins only (root or the admin group). Nothing is recorded as a login.
            """)

    @Argument(help: "The username to look up, as a person would type it.") var user: String
    @Option(help: "The LDAP connector's id (identity.connectors); optional when only one is configured.")
    var connector: String = ""
    @Option(help: "A file whose first line is the user's password, to check it too.") var passwordFile: String?
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        var password = ""
        if let passwordFile {
            guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                throw ValidationError("\(passwordFile) cannot be read: check the path given to --password-file")
            }
            password = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        }
        let identity = try client.client(for: .identity)
        let report = try await identity.unary(
            IdentityV1.diagnoseLDAP,
            IdentityV1.DiagnoseLDAPRequest(connectorId: connector, username: user, password: password))
        try output.print(report) { Self.table(report) }
        if !report.failure.isEmpty { throw ExitCode(1) }
    }

    static func table(_ report: IdentityV1.DiagnoseLDAPResponse) -> Table {
        var rows: [[String]] = [
            ["connector", "\(report.connectorId) (\(report.url))"],
            ["user search", "\(report.userFilter.isEmpty ? "-" : report.userFilter) under \(report.userBaseDn)"],
            ["dn", report.userDn.isEmpty ? "(none)" : report.userDn],
        ]
        if !report.userDn.isEmpty {
            rows.append(["stable id", report.stableId])
            rows.append(["username", report.username])
            rows.append(["name / email", "\(report.displayName) / \(report.email)"])
            rows.append(["password", report.passwordChecked ? (report.failure.isEmpty ? "accepted" : "see result") : "not checked"])
            for group in report.groups {
                rows.append(["group", "\(group.name) via \(group.path.joined(separator: " → ")) (\(group.dn))"])
            }
            if report.groups.isEmpty { rows.append(["groups", "(none)"]) }
        }
        rows.append(["result", report.failure.isEmpty ? "login would succeed" : "FAILS: \(report.failure)"])
        return Table(header: ["STEP", "FOUND"], rows: rows)
    }
}
