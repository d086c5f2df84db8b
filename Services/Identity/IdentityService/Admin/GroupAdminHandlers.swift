import BerthCrypto
import BerthModel
import BerthRPC
import Foundation

/// `ListGroups`, `GetGroup`, `CreateGroup`, `UpdateGroupMembers`, `DeleteGroup` for admins (and SCIM).
/// Membership changes take effect in ID tokens minted afterwards (groups are a claim) and at once for access
/// keys (their verification reads the user's groups).
struct GroupAdminHandlers: Sendable {
    let users: any UserAdministration
    let audit: AdminAudit
    let now: @Sendable () -> Int64

    func list(_ request: IdentityV1.ListGroupsRequest, caller: Caller) throws(IdentityError) -> IdentityV1.ListGroupsResponse {
        try caller.requireProvisioning("reading groups", writes: false)
        let offset = try PageCursor.offset(request.cursor)
        let page = try users.listGroups(name: request.name, offset: offset, limit: PageCursor.limit(request.pageSize))
        return IdentityV1.ListGroupsResponse(
            groups: page.items.map(\.record),
            nextCursor: PageCursor.next(offset: offset, count: page.items.count, total: page.total),
            total: Int32(clamping: page.total))
    }

    func get(_ request: IdentityV1.GetGroupRequest, caller: Caller) throws(IdentityError) -> IdentityV1.GroupRecord {
        try caller.requireProvisioning("reading groups", writes: false)
        let found = request.id.isEmpty ? try users.group(name: request.name) : try users.group(id: request.id)
        guard let found else { throw Self.notFound(request.id.isEmpty ? request.name : request.id) }
        return found.record
    }

    func create(_ request: IdentityV1.CreateGroupRequest, caller: Caller) async throws(IdentityError) -> IdentityV1.GroupRecord {
        try caller.requireProvisioning("creating groups", writes: true)
        let name = request.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 256 else {
            throw IdentityError(code: .invalidArgument, message: "group name is empty or too long: give 1-256 characters")
        }
        let id: String
        do {
            id = try SecureRandom.identifier()
        } catch {
            throw IdentityError.crypto("create a group id", error)
        }
        let group = try users.createGroup(id: id, name: name, memberIDs: request.memberIds, now: now())
        await audit.record(
            .groupCreated, by: caller, target: AuditV1.Target(kind: "group", name: group.name),
            details: ["id": group.id, "members": group.memberIDs.joined(separator: " ")])
        return group.record
    }

    func updateMembers(_ request: IdentityV1.UpdateGroupMembersRequest, caller: Caller) async throws(IdentityError)
        -> IdentityV1.GroupRecord
    {
        try caller.requireProvisioning("changing groups", writes: true)
        guard let before = try users.group(id: request.groupId) else { throw Self.notFound(request.groupId) }
        let group = try users.updateGroup(
            id: before.id, name: request.name, replaceMembers: request.replace ? request.setMemberIds : nil,
            add: request.addMemberIds, remove: request.removeMemberIds)
        let added = Set(group.memberIDs).subtracting(before.memberIDs).sorted()
        let removed = Set(before.memberIDs).subtracting(group.memberIDs).sorted()
        var details = ["id": group.id, "added": added.joined(separator: " "), "removed": removed.joined(separator: " ")]
        if group.name != before.name { details["renamedFrom"] = before.name }
        await audit.record(.groupUpdated, by: caller, target: AuditV1.Target(kind: "group", name: group.name), details: details)
        return group.record
    }

    func delete(_ request: IdentityV1.DeleteGroupRequest, caller: Caller) async throws(IdentityError)
        -> IdentityV1.DeleteGroupResponse
    {
        try caller.requireProvisioning("deleting groups", writes: true)
        guard let group = try users.group(id: request.groupId), try users.deleteGroup(id: group.id) else {
            throw Self.notFound(request.groupId)
        }
        await audit.record(.groupDeleted, by: caller, target: AuditV1.Target(kind: "group", name: group.name), details: ["id": group.id])
        return IdentityV1.DeleteGroupResponse()
    }

    static func notFound(_ reference: String) -> IdentityError {
        IdentityError(code: .notFound, message: "group \"\(reference)\" does not exist: list groups to find its id")
    }
}
