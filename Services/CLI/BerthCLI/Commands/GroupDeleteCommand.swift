import ArgumentParser
import BerthRPC

/// `berth group delete <group>`
struct GroupDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a group.")

    @OptionGroup var admin: IdentityAdminOptions
    @Argument(help: "Group name or id.") var group: String

    func run() async throws {
        let found = try await Self.find(group, admin)
        _ = try await admin.call(IdentityV1.deleteGroup, IdentityV1.DeleteGroupRequest(groupId: found.id))
        print("group \(found.name) deleted")
    }

    /// A group by id, else by name.
    static func find(_ reference: String, _ admin: IdentityAdminOptions) async throws -> IdentityV1.GroupRecord {
        do {
            return try await admin.call(IdentityV1.getGroup, IdentityV1.GetGroupRequest(id: reference))
        } catch let error as RPCClientError where error.code == .notFound {
            return try await admin.call(IdentityV1.getGroup, IdentityV1.GetGroupRequest(name: reference))
        }
    }
}
