import BerthRPC

extension User {
    var record: IdentityV1.UserRecord {
        IdentityV1.UserRecord(
            id: id, username: username, displayName: displayName, email: email, active: !disabled,
            connectorId: connectorID, createdAtUnix: createdAt, groups: groups)
    }
}

extension Group {
    var record: IdentityV1.GroupRecord {
        IdentityV1.GroupRecord(id: id, name: name, memberIds: memberIDs, createdAtUnix: createdAt)
    }
}

extension StoredAccessKey {
    var record: IdentityV1.AccessKey {
        IdentityV1.AccessKey(
            id: id, ownerSubject: userID, ownerUsername: ownerUsername, name: name, scopes: scopes,
            createdAtUnix: createdAt, expiresAtUnix: expiresAt, lastUsedAtUnix: lastUsedAt, revokedAtUnix: revokedAt)
    }
}

/// Offset cursors: the cursor is the offset of the next page as decimal text ("" = 0).
enum PageCursor {
    static func offset(_ cursor: String) throws(IdentityError) -> Int {
        if cursor.isEmpty { return 0 }
        guard let offset = Int(cursor), offset >= 0 else {
            throw IdentityError(code: .invalidArgument, message: "cursor \"\(cursor)\" is not one this service gave: start over with an empty cursor")
        }
        return offset
    }

    static func limit(_ pageSize: Int32) -> Int { pageSize <= 0 ? 100 : min(Int(pageSize), 500) }

    static func next(offset: Int, count: Int, total: Int) -> String {
        offset + count < total ? String(offset + count) : ""
    }
}
