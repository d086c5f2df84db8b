/// Swift mirrors of proto/berth/identity/v1/accesskeys.proto (package berth.identity.v1).
extension IdentityV1 {
    /// An access key as stored: never the secret.
    public struct AccessKey: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.AccessKey" }
        public var id: String
        public var ownerSubject: String
        public var ownerUsername: String
        public var name: String
        /// `read-only`, `admin`, `scim`, `team:<name>`, `team:<name>:<role>`.
        public var scopes: [String]
        public var createdAtUnix: Int64
        /// 0 = never.
        public var expiresAtUnix: Int64
        /// 0 = never used.
        public var lastUsedAtUnix: Int64
        /// 0 = not revoked.
        public var revokedAtUnix: Int64

        public init(
            id: String = "", ownerSubject: String = "", ownerUsername: String = "", name: String = "",
            scopes: [String] = [], createdAtUnix: Int64 = 0, expiresAtUnix: Int64 = 0, lastUsedAtUnix: Int64 = 0,
            revokedAtUnix: Int64 = 0
        ) {
            self.id = id
            self.ownerSubject = ownerSubject
            self.ownerUsername = ownerUsername
            self.name = name
            self.scopes = scopes
            self.createdAtUnix = createdAtUnix
            self.expiresAtUnix = expiresAtUnix
            self.lastUsedAtUnix = lastUsedAtUnix
            self.revokedAtUnix = revokedAtUnix
        }
    }

    public struct CreateAccessKeyRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.CreateAccessKeyRequest" }
        /// Subject or username; "" = the caller.
        public var owner: String
        public var name: String
        public var scopes: [String]
        /// 0 = never expires.
        public var expiresInSeconds: Int64

        public init(owner: String = "", name: String = "", scopes: [String] = [], expiresInSeconds: Int64 = 0) {
            self.owner = owner
            self.name = name
            self.scopes = scopes
            self.expiresInSeconds = expiresInSeconds
        }
    }

    public struct CreateAccessKeyResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.CreateAccessKeyResponse" }
        public var key: AccessKey?
        /// `berth_ak_<id>_<secret>`: the only time it is shown.
        public var token: String

        public init(key: AccessKey? = nil, token: String = "") {
            self.key = key
            self.token = token
        }
    }

    public struct ListAccessKeysRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.ListAccessKeysRequest" }
        /// Subject or username; "" = the caller; "*" = everyone (admins).
        public var owner: String
        public var includeRevoked: Bool

        public init(owner: String = "", includeRevoked: Bool = false) {
            self.owner = owner
            self.includeRevoked = includeRevoked
        }
    }

    public struct ListAccessKeysResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.ListAccessKeysResponse" }
        public var keys: [AccessKey]

        public init(keys: [AccessKey] = []) { self.keys = keys }
    }

    public struct RevokeAccessKeyRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.RevokeAccessKeyRequest" }
        public var id: String

        public init(id: String = "") { self.id = id }
    }

    public struct RevokeAccessKeyResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.RevokeAccessKeyResponse" }
        public var key: AccessKey?

        public init(key: AccessKey? = nil) { self.key = key }
    }
}
