import BerthRPC
import BerthTesting
import GRDB
import IdentityService
import XCTest

/// User and group administration over the real identity socket: deactivation and deletion revoke sessions,
/// ID tokens and access keys at once; group membership changes; who may call.
final class UserAdminTests: XCTestCase {
    func testDeactivatingAUserEndsItsSessionsAndRevokesItsKeysAtOnce() async throws {
        try await AdminTestIdentity.run { identity in
            let dev = try await identity.createUser("dev")
            let idToken = try await identity.login("dev")
            let secondSession = try await identity.login("dev")
            let key = try await identity.createKey(owner: "dev", scopes: ["read-only"])
            _ = try await identity.verify(idToken)
            _ = try await identity.verify(key.token)

            let updated = try await identity.client.unary(
                IdentityV1.updateUser, IdentityV1.UpdateUserRequest(id: dev.id, active: false))
            XCTAssertFalse(updated.active)

            for token in [idToken, secondSession, key.token] {
                let error = await rpcError { try await identity.verify(token) }
                XCTAssertEqual(error?.code, .unauthenticated, token)
            }
            let sessions = try identity.withDatabase { db in
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM sessions WHERE user_id = ? AND ended_at IS NULL", arguments: [dev.id])
            }
            XCTAssertEqual(sessions, 0, "every session ended (kept, with ended_at, for the record)")
            let login = await rpcError { try await identity.login("dev") }
            XCTAssertEqual(login?.code, .unauthenticated, "a deactivated user cannot log in")

            // Reactivation does not bring the key back: it was revoked, not suspended.
            _ = try await identity.client.unary(IdentityV1.updateUser, IdentityV1.UpdateUserRequest(id: dev.id, active: true))
            let stillRevoked = await rpcError { try await identity.verify(key.token) }
            XCTAssertEqual(stillRevoked?.code, .unauthenticated)
            _ = try await identity.login("dev")

            let deactivated = identity.audit.events.first { $0.action == "user.deactivated" }
            XCTAssertEqual(deactivated?.target?.name, "dev")
            XCTAssertEqual(deactivated?.details["sessionsEnded"], "2")
            XCTAssertEqual(deactivated?.details["keysRevoked"], "1")
        }
    }

    func testDeletingAUserRevokesEverythingAndForgetsIt() async throws {
        try await AdminTestIdentity.run { identity in
            let dev = try await identity.createUser("dev", groups: ["team-a"])
            let idToken = try await identity.login("dev")
            let key = try await identity.createKey(owner: "dev", scopes: ["team:team-a"])
            _ = try await identity.client.unary(IdentityV1.deleteUser, IdentityV1.DeleteUserRequest(id: dev.id))
            for token in [idToken, key.token] {
                let error = await rpcError { try await identity.verify(token) }
                XCTAssertEqual(error?.code, .unauthenticated)
            }
            let gone = await rpcError {
                try await identity.client.unary(IdentityV1.getUser, IdentityV1.GetUserRequest(id: dev.id))
            }
            XCTAssertEqual(gone?.code, .notFound)
            let again = await rpcError {
                try await identity.client.unary(IdentityV1.deleteUser, IdentityV1.DeleteUserRequest(id: dev.id))
            }
            XCTAssertEqual(again?.code, .notFound)
            XCTAssertTrue(identity.audit.actions().contains("user.deleted"))
        }
    }

    func testUsersAreListedFilteredAndPagedAndUsernamesStayUnique() async throws {
        try await AdminTestIdentity.run { identity in
            for name in ["carol", "bob", "dave"] { _ = try await identity.createUser(name) }
            let duplicate = await rpcError { try await identity.createUser("bob") }
            XCTAssertEqual(duplicate?.code, .alreadyExists)

            let first = try await identity.client.unary(IdentityV1.listUsers, IdentityV1.ListUsersRequest(pageSize: 2))
            XCTAssertEqual(first.users.map(\.username), ["admin", "bob"])
            XCTAssertEqual(first.total, 4)
            let second = try await identity.client.unary(
                IdentityV1.listUsers, IdentityV1.ListUsersRequest(cursor: first.nextCursor, pageSize: 2))
            XCTAssertEqual(second.users.map(\.username), ["carol", "dave"])
            XCTAssertEqual(second.nextCursor, "")
            let exact = try await identity.client.unary(IdentityV1.listUsers, IdentityV1.ListUsersRequest(username: "dave"))
            XCTAssertEqual(exact.users.map(\.email), ["dave@example.com"])
            let query = try await identity.client.unary(IdentityV1.listUsers, IdentityV1.ListUsersRequest(query: "AR"))
            XCTAssertEqual(query.users.map(\.username), ["carol"])

            let renamed = try await identity.client.unary(
                IdentityV1.updateUser,
                IdentityV1.UpdateUserRequest(id: exact.users[0].id, displayName: "David", email: "d@example.com"))
            XCTAssertEqual(renamed.displayName, "David")
            XCTAssertEqual(renamed.username, "dave")
            XCTAssertTrue(renamed.active)
            let clash = await rpcError {
                try await identity.client.unary(
                    IdentityV1.updateUser, IdentityV1.UpdateUserRequest(id: exact.users[0].id, username: "bob"))
            }
            XCTAssertEqual(clash?.code, .alreadyExists)
        }
    }

    func testGroupMembershipChangesShowInUsersAndKeys() async throws {
        try await AdminTestIdentity.run { identity in
            let ann = try await identity.createUser("ann")
            let ben = try await identity.createUser("ben")
            let group = try await identity.client.unary(
                IdentityV1.createGroup, IdentityV1.CreateGroupRequest(name: "platform", memberIds: [ann.id]))
            XCTAssertEqual(group.memberIds, [ann.id])
            let key = try await identity.createKey(owner: "ben", scopes: ["read-only"])
            let before = try await identity.verify(key.token)
            XCTAssertEqual(before.groups, [])

            let added = try await identity.client.unary(
                IdentityV1.updateGroupMembers, IdentityV1.UpdateGroupMembersRequest(groupId: group.id, addMemberIds: [ben.id]))
            XCTAssertEqual(Set(added.memberIds), [ann.id, ben.id])
            let after = try await identity.verify(key.token)
            XCTAssertEqual(after.groups, ["platform"])
            let benNow = try await identity.client.unary(IdentityV1.getUser, IdentityV1.GetUserRequest(username: "ben"))
            XCTAssertEqual(benNow.groups, ["platform"])

            let removed = try await identity.client.unary(
                IdentityV1.updateGroupMembers,
                IdentityV1.UpdateGroupMembersRequest(groupId: group.id, removeMemberIds: [ann.id], name: "platform-team"))
            XCTAssertEqual(removed.memberIds, [ben.id])
            XCTAssertEqual(removed.name, "platform-team")
            let replaced = try await identity.client.unary(
                IdentityV1.updateGroupMembers,
                IdentityV1.UpdateGroupMembersRequest(groupId: group.id, replace: true, setMemberIds: [ann.id]))
            XCTAssertEqual(replaced.memberIds, [ann.id])

            let unknownMember = await rpcError {
                try await identity.client.unary(
                    IdentityV1.updateGroupMembers,
                    IdentityV1.UpdateGroupMembersRequest(groupId: group.id, addMemberIds: [ben.id, "nobody"]))
            }
            XCTAssertEqual(unknownMember?.code, .notFound)
            let unchanged = try await identity.client.unary(IdentityV1.getGroup, IdentityV1.GetGroupRequest(id: group.id))
            XCTAssertEqual(unchanged.memberIds, [ann.id], "a failed change changes nothing")

            let listed = try await identity.client.unary(
                IdentityV1.listGroups, IdentityV1.ListGroupsRequest(name: "platform-team"))
            XCTAssertEqual(listed.groups.map(\.id), [group.id])
            _ = try await identity.client.unary(IdentityV1.deleteGroup, IdentityV1.DeleteGroupRequest(groupId: group.id))
            let annNow = try await identity.client.unary(IdentityV1.getUser, IdentityV1.GetUserRequest(id: ann.id))
            XCTAssertEqual(annNow.groups, [])
            let actions = identity.audit.actions()
            for action in ["group.created", "group.updated", "group.deleted"] { XCTAssertTrue(actions.contains(action), action) }
        }
    }

    func testOnlyAdminsAndProvisioningKeysAdministerUsers() async throws {
        try await AdminTestIdentity.run { identity in
            _ = try await identity.createUser("dev")
            let devToken = try await identity.login("dev")
            let adminToken = try await identity.login("admin")
            let scim = try await identity.createKey(owner: "admin", scopes: ["scim"])
            let readOnly = try await identity.createKey(owner: "admin", scopes: ["read-only"])
            func list(_ token: String) async throws -> IdentityV1.ListUsersResponse {
                try await identity.client.unary(
                    IdentityV1.listUsers, IdentityV1.ListUsersRequest(), metadata: AdminTestIdentity.bearer(token))
            }
            let byAdmin = try await list(adminToken)
            XCTAssertEqual(byAdmin.total, 2)
            let byKey = try await list(scim.token)
            XCTAssertEqual(byKey.total, 2)
            let denied = await rpcError { try await list(devToken) }
            XCTAssertEqual(denied?.code, .permissionDenied)
            let readOnlyDenied = await rpcError { try await list(readOnly.token) }
            XCTAssertEqual(readOnlyDenied?.code, .permissionDenied)
            let garbage = await rpcError { try await list("not-a-token") }
            XCTAssertEqual(garbage?.code, .unauthenticated)

            // The event names who did it and how.
            _ = try await identity.client.unary(
                IdentityV1.createUser, IdentityV1.CreateUserRequest(username: "provisioned", connectorId: "scim"),
                metadata: AdminTestIdentity.bearer(scim.token))
            let created = identity.audit.events.last { $0.action == "user.created" }
            XCTAssertEqual(created?.actor?.username, "admin")
            XCTAssertEqual(created?.actor?.authenticatedBy, "access_key:\(scim.key?.id ?? "")")
        }
    }
}
