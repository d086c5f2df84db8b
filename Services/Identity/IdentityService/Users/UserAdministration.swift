/// What administrators (the admin RPCs, SCIM) change beyond `UserStore`: listing, updating and deleting users,
/// and groups with their members.
///
/// Contract (every implementation; the SQLite one is `SQLiteUserStore`):
/// - Listings are ordered by username / group name, paged by `offset` and `limit`, with the total count of
///   matches. Filters: exact username/name when given; `query` is a case-insensitive substring of username,
///   display name or email.
/// - `updateUser` changes only the given fields, atomically; a missing user throws `.notFound`, a username taken
///   by another user `.alreadyExists`. It does not end sessions or revoke keys: the caller does (see
///   `UserAdminHandlers`), so that the store stays free of policy.
/// - `deleteUser` returns false for a missing user; sessions, keys, credentials and memberships go with the row.
/// - `createGroup` throws `.alreadyExists` for a taken name and `.notFound` naming the first unknown member.
///   `updateGroup` applies replace, then add, then remove, then rename, in one transaction; unknown members throw
///   `.notFound` and change nothing. `deleteGroup` returns false for a missing group.
public protocol UserAdministration: UserStore {
    func listUsers(username: String?, query: String?, offset: Int, limit: Int) throws(IdentityError) -> Page<User>
    func updateUser(
        id: String, username: String?, displayName: String?, email: String?, active: Bool?
    ) throws(IdentityError) -> User
    func deleteUser(id: String) throws(IdentityError) -> Bool
    func listGroups(name: String?, offset: Int, limit: Int) throws(IdentityError) -> Page<Group>
    func group(id: String) throws(IdentityError) -> Group?
    func group(name: String) throws(IdentityError) -> Group?
    func createGroup(id: String, name: String, memberIDs: [String], now: Int64) throws(IdentityError) -> Group
    func updateGroup(
        id: String, name: String?, replaceMembers: [String]?, add: [String], remove: [String]
    ) throws(IdentityError) -> Group
    func deleteGroup(id: String) throws(IdentityError) -> Bool
}
