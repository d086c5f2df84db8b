import BerthRPC
import Foundation

/// The SCIM core schemas (RFC 7643) ⇄ Berth's user and group records.
///
/// Users: `userName` ⇄ username, `displayName` (or `name.formatted`, or given + family name) ⇄ display name, the
/// primary (else first) of `emails` ⇄ email, `active` ⇄ active. Groups: `displayName` ⇄ name, `members[].value`
/// ⇄ user ids. Other attributes are accepted and not stored (`externalId` included).
enum SCIMResources {
    static let userSchema = "urn:ietf:params:scim:schemas:core:2.0:User"
    static let groupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group"
    static let listSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
    static let patchSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp"

    static func user(_ record: IdentityV1.UserRecord, base: String) -> [String: Any] {
        var object: [String: Any] = [
            "schemas": [userSchema], "id": record.id, "userName": record.username, "active": record.active,
            "displayName": record.displayName, "name": ["formatted": record.displayName],
            "meta": meta("User", record.createdAtUnix, location: "\(base)/Users/\(record.id)"),
        ]
        if !record.email.isEmpty { object["emails"] = [["value": record.email, "primary": true, "type": "work"]] }
        return object
    }

    static func group(_ record: IdentityV1.GroupRecord, base: String) -> [String: Any] {
        [
            "schemas": [groupSchema], "id": record.id, "displayName": record.name,
            "members": record.memberIds.map { ["value": $0, "$ref": "\(base)/Users/\($0)"] },
            "meta": meta("Group", record.createdAtUnix, location: "\(base)/Groups/\(record.id)"),
        ]
    }

    static func list(_ resources: [[String: Any]], total: Int32, startIndex: Int) -> [String: Any] {
        [
            "schemas": [listSchema], "totalResults": Int(total), "startIndex": startIndex,
            "itemsPerPage": resources.count, "Resources": resources,
        ]
    }

    private static func meta(_ type: String, _ created: Int64, location: String) -> [String: Any] {
        let formatter = ISO8601DateFormatter()
        let date = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(created)))
        return ["resourceType": type, "created": date, "lastModified": date, "location": location]
    }

    /// The user fields of a SCIM User body (POST, PUT).
    struct UserFields {
        var userName: String?
        var displayName: String?
        var email: String?
        var active: Bool?

        init(_ object: [String: Any]) throws(SCIMError) {
            userName = object.value("userName") as? String
            displayName = object.value("displayName") as? String
            if displayName == nil, let name = object.value("name") as? [String: Any] {
                displayName = (name.value("formatted") as? String)
                    ?? [name.value("givenName") as? String, name.value("familyName") as? String]
                    .compactMap { $0 }.joined(separator: " ")
            }
            if let emails = object.value("emails") as? [[String: Any]] {
                let primary = emails.first { ($0.value("primary") as? Bool) == true } ?? emails.first
                email = primary?.value("value") as? String ?? ""
            }
            if let raw = object.value("active") { active = try SCIMResources.bool(raw, "active") }
        }
    }

    /// SCIM booleans; Azure AD sends `"True"`/`"False"` strings in PATCH values.
    static func bool(_ raw: Any, _ attribute: String) throws(SCIMError) -> Bool {
        if let value = raw as? Bool { return value }
        if let text = raw as? String {
            switch text.lowercased() {
            case "true": return true
            case "false": return false
            default: break
            }
        }
        throw .invalidValue("\(attribute) must be true or false")
    }
}

extension Dictionary where Key == String, Value == Any {
    /// SCIM attribute names are case-insensitive (RFC 7643 §2.1).
    func value(_ name: String) -> Any? {
        if let exact = self[name] { return exact }
        let lowered = name.lowercased()
        return first { $0.key.lowercased() == lowered }?.value
    }
}
