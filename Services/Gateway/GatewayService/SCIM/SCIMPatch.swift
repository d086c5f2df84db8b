import BerthRPC
import Foundation

/// RFC 7644 §3.5.2 PATCH for Users and Groups: `add`, `replace`, `remove` (case-insensitive, as Azure AD sends
/// `Replace`), with or without `path`. Turned into one identity update, applied atomically there.
struct SCIMPatchOperation {
    enum Kind: String { case add, replace, remove }
    let kind: Kind
    let path: String?
    let value: Any?

    /// The `Operations` of a PatchOp body.
    static func parse(_ body: [String: Any]) throws(SCIMError) -> [SCIMPatchOperation] {
        guard let operations = body.value("Operations") as? [[String: Any]], !operations.isEmpty else {
            throw .invalidSyntax("a PATCH body is a PatchOp with a non-empty Operations array")
        }
        var parsed: [SCIMPatchOperation] = []
        for operation in operations {
            guard let op = operation.value("op") as? String, let kind = Kind(rawValue: op.lowercased()) else {
                throw .invalidSyntax("each operation needs op add, replace or remove")
            }
            let path = (operation.value("path") as? String).flatMap { $0.isEmpty ? nil : $0 }
            parsed.append(SCIMPatchOperation(kind: kind, path: path, value: operation.value("value")))
        }
        return parsed
    }

    /// User attributes provisioning clients send that Berth accepts and does not store.
    static let ignoredUserAttributes: Set<String> = [
        "externalid", "name.givenname", "name.familyname", "name.middlename", "name.honorificprefix",
        "name.honorificsuffix", "nickname", "title", "usertype", "preferredlanguage", "locale", "timezone",
        "phonenumbers", "addresses", "profileurl", "photos",
    ]

    /// A User PATCH as an `UpdateUserRequest` (fields not touched stay nil).
    static func userUpdate(id: String, _ operations: [SCIMPatchOperation]) throws(SCIMError) -> IdentityV1.UpdateUserRequest {
        var update = IdentityV1.UpdateUserRequest(id: id)
        for operation in operations {
            guard let path = operation.path else {
                guard operation.kind != .remove, let object = operation.value as? [String: Any] else {
                    throw .invalidValue("an operation without path needs op add or replace and an object value")
                }
                let fields = try SCIMResources.UserFields(object)
                if let userName = fields.userName { update.username = userName }
                if let displayName = fields.displayName { update.displayName = displayName }
                if let email = fields.email { update.email = email }
                if let active = fields.active { update.active = active }
                continue
            }
            let lowered = path.lowercased()
            if lowered.hasPrefix("urn:ietf:params:scim:schemas:extension:") || ignoredUserAttributes.contains(lowered) {
                continue
            }
            switch (lowered, operation.kind) {
            case ("active", .add), ("active", .replace):
                guard let raw = operation.value else { throw .invalidValue("active needs a value") }
                update.active = try SCIMResources.bool(raw, "active")
            case ("username", .add), ("username", .replace):
                guard let value = operation.value as? String, !value.isEmpty else {
                    throw .invalidValue("userName needs a non-empty string")
                }
                update.username = value
            case ("displayname", .add), ("displayname", .replace), ("name.formatted", .add), ("name.formatted", .replace):
                guard let value = operation.value as? String else { throw .invalidValue("\(path) needs a string") }
                update.displayName = value
            case ("displayname", .remove), ("name.formatted", .remove):
                update.displayName = ""
            case (let attribute, .remove) where attribute.hasPrefix("emails"):
                update.email = ""
            case (let attribute, _) where attribute.hasPrefix("emails"):
                if let text = operation.value as? String {
                    update.email = text
                } else if let list = operation.value as? [[String: Any]] {
                    let primary = list.first { ($0.value("primary") as? Bool) == true } ?? list.first
                    update.email = primary?.value("value") as? String ?? ""
                } else {
                    throw .invalidValue("\(path) needs an email address or a list of emails")
                }
            default:
                throw .invalidPath(
                    "path \"\(path)\" (\(operation.kind.rawValue)) is not supported for Users: use active, userName, "
                        + "displayName, name.formatted or emails")
            }
        }
        return update
    }

    /// A Group PATCH as an `UpdateGroupMembersRequest`.
    static func groupUpdate(id: String, _ operations: [SCIMPatchOperation]) throws(SCIMError)
        -> IdentityV1.UpdateGroupMembersRequest
    {
        var update = IdentityV1.UpdateGroupMembersRequest(groupId: id)
        for operation in operations {
            guard let path = operation.path else {
                guard operation.kind != .remove, let object = operation.value as? [String: Any] else {
                    throw .invalidValue("an operation without path needs op add or replace and an object value")
                }
                if let name = object.value("displayName") as? String { update.name = name }
                if object.value("members") != nil {
                    let members = try memberIDs(object.value("members"))
                    if operation.kind == .replace {
                        update.replace = true
                        update.setMemberIds = members
                    } else {
                        update.addMemberIds += members
                    }
                }
                continue
            }
            let lowered = path.lowercased()
            if lowered == "externalid" { continue }
            switch (lowered, operation.kind) {
            case ("displayname", .add), ("displayname", .replace):
                guard let name = operation.value as? String, !name.isEmpty else {
                    throw .invalidValue("displayName needs a non-empty string")
                }
                update.name = name
            case ("members", .add):
                update.addMemberIds += try memberIDs(operation.value)
            case ("members", .replace):
                update.replace = true
                update.setMemberIds = try memberIDs(operation.value)
            case ("members", .remove):
                if operation.value == nil {
                    update.replace = true
                    update.setMemberIds = []
                } else {
                    update.removeMemberIds += try memberIDs(operation.value)
                }
            case (_, .remove) where lowered.hasPrefix("members["):
                update.removeMemberIds.append(try memberFilterValue(path))
            default:
                throw .invalidPath(
                    "path \"\(path)\" (\(operation.kind.rawValue)) is not supported for Groups: use displayName, "
                        + "members or members[value eq \"<id>\"]")
            }
        }
        return update
    }

    /// `[{"value": "<id>"}, …]` → ids.
    static func memberIDs(_ raw: Any?) throws(SCIMError) -> [String] {
        guard let list = raw as? [[String: Any]] else {
            throw .invalidValue("members is a list of {\"value\": \"<user id>\"}")
        }
        var ids: [String] = []
        for member in list {
            guard let id = member.value("value") as? String, !id.isEmpty else {
                throw .invalidValue("each member needs a value (the user's id)")
            }
            ids.append(id)
        }
        return ids
    }

    /// `members[value eq "<id>"]` → the id.
    static func memberFilterValue(_ path: String) throws(SCIMError) -> String {
        guard path.hasSuffix("]"), let open = path.firstIndex(of: "[") else {
            throw .invalidPath("path \"\(path)\" is not members[value eq \"<id>\"]")
        }
        let inner = String(path[path.index(after: open)..<path.index(before: path.endIndex)])
        do {
            return try SCIMFilter(parsing: inner, allowed: ["value"]).value
        } catch {
            throw .invalidPath("path \"\(path)\": \(error.detail)")
        }
    }
}
