import ArgumentParser
import BerthRPC

/// `berth group members <group> [--add user]… [--remove user]…`
struct GroupMembersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "members", abstract: "Add or remove group members.")

    @OptionGroup var admin: IdentityAdminOptions
    @Argument(help: "Group name or id.") var group: String
    @Option(help: "A username or id to add (repeat for several).") var add: [String] = []
    @Option(help: "A username or id to remove (repeat for several).") var remove: [String] = []

    func run() async throws {
        let found = try await GroupDeleteCommand.find(group, admin)
        var adding: [String] = []
        for member in add { adding.append(try await admin.call(IdentityV1.getUser, IdentityV1.GetUserRequest(id: member)).id) }
        var removing: [String] = []
        for member in remove {
            removing.append(try await admin.call(IdentityV1.getUser, IdentityV1.GetUserRequest(id: member)).id)
        }
        let updated = try await admin.call(
            IdentityV1.updateGroupMembers,
            IdentityV1.UpdateGroupMembersRequest(groupId: found.id, addMemberIds: adding, removeMemberIds: removing))
        print("group \(updated.name): \(updated.memberIds.count) member(s)")
    }
}
