import ArgumentParser
import BerthRPC

/// `berth group create <name> [--member user]…`
struct GroupCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a group.")

    @OptionGroup var admin: IdentityAdminOptions
    @Argument var name: String
    @Option(name: .customLong("member"), help: "A member's username or id (repeat for several).") var members: [String] = []

    func run() async throws {
        var ids: [String] = []
        for member in members { ids.append(try await admin.call(IdentityV1.getUser, IdentityV1.GetUserRequest(id: member)).id) }
        let group = try await admin.call(IdentityV1.createGroup, IdentityV1.CreateGroupRequest(name: name, memberIds: ids))
        print("group \(group.name) created (\(group.id)) with \(group.memberIds.count) member(s)")
    }
}
