/// Swift mirrors of proto/berth/identity/v1/users.proto (package berth.identity.v1).
extension IdentityV1 {
    public struct UserRecord: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.UserRecord" }
        /// The stable subject (`sub`).
        public var id: String
        public var username: String
        public var displayName: String
        public var email: String
        public var active: Bool
        public var connectorId: String
        public var createdAtUnix: Int64
        /// Group names, sorted.
        public var groups: [String]

        public init(
            id: String = "", username: String = "", displayName: String = "", email: String = "", active: Bool = false,
            connectorId: String = "", createdAtUnix: Int64 = 0, groups: [String] = []
        ) {
            self.id = id
            self.username = username
            self.displayName = displayName
            self.email = email
            self.active = active
            self.connectorId = connectorId
            self.createdAtUnix = createdAtUnix
            self.groups = groups
        }
    }

    public struct ListUsersRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.ListUsersRequest" }
        /// Exact match when not empty.
        public var username: String
        /// Substring of username, name or email when not empty.
        public var query: String
        public var cursor: String
        /// 0 = 100; at most 500.
        public var pageSize: Int32

        public init(username: String = "", query: String = "", cursor: String = "", pageSize: Int32 = 0) {
            self.username = username
            self.query = query
            self.cursor = cursor
            self.pageSize = pageSize
        }
    }

    public struct ListUsersResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.ListUsersResponse" }
        public var users: [UserRecord]
        /// "" = last page.
        public var nextCursor: String
        public var total: Int32

        public init(users: [UserRecord] = [], nextCursor: String = "", total: Int32 = 0) {
            self.users = users
            self.nextCursor = nextCursor
            self.total = total
        }
    }

    public struct GetUserRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.GetUserRequest" }
        public var id: String
        /// Used when `id` is empty.
        public var username: String

        public init(id: String = "", username: String = "") {
            self.id = id
            self.username = username
        }
    }

    public struct CreateUserRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.CreateUserRequest" }
        public var username: String
        public var displayName: String
        public var email: String
        public var disabled: Bool
        /// "" = local.
        public var connectorId: String
        /// Local users only; "" = no password.
        public var password: String
        public var groups: [String]

        public init(
            username: String = "", displayName: String = "", email: String = "", disabled: Bool = false,
            connectorId: String = "", password: String = "", groups: [String] = []
        ) {
            self.username = username
            self.displayName = displayName
            self.email = email
            self.disabled = disabled
            self.connectorId = connectorId
            self.password = password
            self.groups = groups
        }
    }

    /// Changes the fields that are set (nil = unchanged).
    public struct UpdateUserRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.UpdateUserRequest" }
        public var id: String
        public var username: String?
        public var displayName: String?
        public var email: String?
        public var active: Bool?

        public init(
            id: String = "", username: String? = nil, displayName: String? = nil, email: String? = nil,
            active: Bool? = nil
        ) {
            self.id = id
            self.username = username
            self.displayName = displayName
            self.email = email
            self.active = active
        }
    }

    public struct DeleteUserRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.DeleteUserRequest" }
        public var id: String

        public init(id: String = "") { self.id = id }
    }

    public struct DeleteUserResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.DeleteUserResponse" }
        public init() {}
    }

    public struct GroupRecord: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.GroupRecord" }
        public var id: String
        public var name: String
        /// Subjects, sorted.
        public var memberIds: [String]
        public var createdAtUnix: Int64

        public init(id: String = "", name: String = "", memberIds: [String] = [], createdAtUnix: Int64 = 0) {
            self.id = id
            self.name = name
            self.memberIds = memberIds
            self.createdAtUnix = createdAtUnix
        }
    }

    public struct ListGroupsRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.ListGroupsRequest" }
        /// Exact match when not empty.
        public var name: String
        public var cursor: String
        public var pageSize: Int32

        public init(name: String = "", cursor: String = "", pageSize: Int32 = 0) {
            self.name = name
            self.cursor = cursor
            self.pageSize = pageSize
        }
    }

    public struct ListGroupsResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.ListGroupsResponse" }
        public var groups: [GroupRecord]
        public var nextCursor: String
        public var total: Int32

        public init(groups: [GroupRecord] = [], nextCursor: String = "", total: Int32 = 0) {
            self.groups = groups
            self.nextCursor = nextCursor
            self.total = total
        }
    }

    public struct GetGroupRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.GetGroupRequest" }
        public var id: String
        /// Used when `id` is empty.
        public var name: String

        public init(id: String = "", name: String = "") {
            self.id = id
            self.name = name
        }
    }

    public struct CreateGroupRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.CreateGroupRequest" }
        public var name: String
        public var memberIds: [String]

        public init(name: String = "", memberIds: [String] = []) {
            self.name = name
            self.memberIds = memberIds
        }
    }

    /// With `replace`, members become exactly `setMemberIds`; then `addMemberIds` are added and
    /// `removeMemberIds` removed. `name` renames the group when set.
    public struct UpdateGroupMembersRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.UpdateGroupMembersRequest" }
        public var groupId: String
        public var addMemberIds: [String]
        public var removeMemberIds: [String]
        public var replace: Bool
        public var setMemberIds: [String]
        public var name: String?

        public init(
            groupId: String = "", addMemberIds: [String] = [], removeMemberIds: [String] = [], replace: Bool = false,
            setMemberIds: [String] = [], name: String? = nil
        ) {
            self.groupId = groupId
            self.addMemberIds = addMemberIds
            self.removeMemberIds = removeMemberIds
            self.replace = replace
            self.setMemberIds = setMemberIds
            self.name = name
        }
    }

    public struct DeleteGroupRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.DeleteGroupRequest" }
        public var groupId: String

        public init(groupId: String = "") { self.groupId = groupId }
    }

    public struct DeleteGroupResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.DeleteGroupResponse" }
        public init() {}
    }
}
