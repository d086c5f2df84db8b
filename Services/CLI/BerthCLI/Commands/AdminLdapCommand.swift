import ArgumentParser

/// `berth admin ldap …`: LDAP connector tools.
struct AdminLdapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ldap", abstract: "Check LDAP connectors against their directory.",
        subcommands: [AdminLdapTestCommand.self])
}
