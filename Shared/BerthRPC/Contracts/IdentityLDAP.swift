/// Swift mirrors of proto/berth/identity/v1/ldap.proto (package berth.identity.v1): LDAP diagnostics.
extension IdentityV1 {
    /// Runs an LDAP connector's lookup for one user and reports every step. Local admins only.
    public struct DiagnoseLDAPRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.DiagnoseLDAPRequest" }
        /// "" = the only LDAP connector configured.
        public var connectorId: String
        public var username: String
        /// "" = find the user and their groups without checking a password.
        public var password: String

        public init(connectorId: String = "", username: String = "", password: String = "") {
            self.connectorId = connectorId
            self.username = username
            self.password = password
        }
    }

    /// A group the user belongs to, and the chain of groups that leads to it (direct member of `path[0]`).
    public struct LDAPGroupResolution: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.LDAPGroupResolution" }
        public var name: String
        public var dn: String
        public var path: [String]

        public init(name: String = "", dn: String = "", path: [String] = []) {
            self.name = name
            self.dn = dn
            self.path = path
        }
    }

    public struct DiagnoseLDAPResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.DiagnoseLDAPResponse" }
        public var connectorId: String
        public var url: String
        public var userBaseDn: String
        /// The filter searched, with the username escaped (RFC 4515).
        public var userFilter: String
        /// "" when no single entry matched.
        public var userDn: String
        /// What the mirrored user is keyed by (entryUUID, objectGUID or the DN).
        public var stableId: String
        public var username: String
        public var displayName: String
        public var email: String
        public var passwordChecked: Bool
        public var groups: [LDAPGroupResolution]
        public var groupFilters: [String]
        /// Why the login would fail; "" when it would succeed.
        public var failure: String

        public init(
            connectorId: String = "", url: String = "", userBaseDn: String = "", userFilter: String = "",
            userDn: String = "", stableId: String = "", username: String = "", displayName: String = "",
            email: String = "", passwordChecked: Bool = false, groups: [LDAPGroupResolution] = [],
            groupFilters: [String] = [], failure: String = ""
        ) {
            self.connectorId = connectorId
            self.url = url
            self.userBaseDn = userBaseDn
            self.userFilter = userFilter
            self.userDn = userDn
            self.stableId = stableId
            self.username = username
            self.displayName = displayName
            self.email = email
            self.passwordChecked = passwordChecked
            self.groups = groups
            self.groupFilters = groupFilters
            self.failure = failure
        }
    }
}
