/// One LDAP / Active Directory connector's settings (`identity.connectors[n]` with `type: ldap`).
public struct LDAPSettings: Sendable, Equatable {
    /// How users are found: `(&<filter>(<usernameAttribute>=<escaped username>))` under `baseDN` (subtree).
    public struct UserSearch: Sendable, Equatable {
        public var baseDN: String
        public var filter: String
        /// uid (OpenLDAP), mail, sAMAccountName (AD)…
        public var usernameAttribute: String
        /// The entry's stable id, the key of the mirrored user (so a renamed user keeps their `sub`): the first
        /// of these the entry has, else its DN.
        public var idAttributes: [String]
        public var nameAttribute: String
        public var emailAttribute: String

        public init(
            baseDN: String, filter: String = "(objectClass=person)", usernameAttribute: String = "uid",
            idAttributes: [String] = ["entryUUID", "objectGUID"], nameAttribute: String = "cn",
            emailAttribute: String = "mail"
        ) {
            self.baseDN = baseDN
            self.filter = filter
            self.usernameAttribute = usernameAttribute
            self.idAttributes = idAttributes
            self.nameAttribute = nameAttribute
            self.emailAttribute = emailAttribute
        }
    }

    /// How groups are found for a user: groups under `baseDN` matching `filter` whose `memberAttribute` holds
    /// the user's `userAttribute` (`dn` for member/uniqueMember, `uid` for posixGroup's memberUid).
    public struct GroupSearch: Sendable, Equatable {
        public var baseDN: String
        public var filter: String
        public var memberAttribute: String
        /// `dn` or an attribute of the user entry. Only `dn` membership nests (a group is a member by its DN).
        public var userAttribute: String
        public var nameAttribute: String

        public init(
            baseDN: String, filter: String = "(objectClass=groupOfNames)", memberAttribute: String = "member",
            userAttribute: String = "dn", nameAttribute: String = "cn"
        ) {
            self.baseDN = baseDN
            self.filter = filter
            self.memberAttribute = memberAttribute
            self.userAttribute = userAttribute
            self.nameAttribute = nameAttribute
        }
    }

    public var id: String
    public var displayName: String
    /// `ldap://host[:port]` or `ldaps://host[:port]`.
    public var url: String
    /// Run StartTLS on an `ldap://` URL (required unless `insecureNoTLS` says otherwise).
    public var startTLS: Bool
    /// Allow plain `ldap://` without StartTLS (tests and loopback directories only).
    public var insecureNoTLS: Bool
    /// PEM CA bundle to trust for the directory's certificate ("" = the system's).
    public var caFile: String
    /// The service account; "" for an anonymous search bind.
    public var bindDN: String
    /// Read from `bindPasswordFile` when the service starts (never logged).
    public var bindPassword: String
    public var userSearch: UserSearch
    /// Searched in order; groups from every search are merged.
    public var groupSearches: [GroupSearch]
    /// An attribute on the user entry listing the DNs of its groups (AD, OpenLDAP's memberof overlay); "" = none.
    public var memberOfAttribute: String
    /// How many levels of groups-in-groups to follow (3); cycles stop at the first repeat.
    public var nestedDepth: Int
    /// Network and operation timeout, in seconds (10).
    public var timeoutSeconds: Int
    /// Connections kept open and used at once (4).
    public var poolSize: Int

    public init(
        id: String, displayName: String = "", url: String, startTLS: Bool = false, insecureNoTLS: Bool = false,
        caFile: String = "", bindDN: String, bindPassword: String, userSearch: UserSearch,
        groupSearches: [GroupSearch] = [], memberOfAttribute: String = "", nestedDepth: Int = 3,
        timeoutSeconds: Int = 10, poolSize: Int = 4
    ) {
        self.id = id
        self.displayName = displayName.isEmpty ? id : displayName
        self.url = url
        self.startTLS = startTLS
        self.insecureNoTLS = insecureNoTLS
        self.caFile = caFile
        self.bindDN = bindDN
        self.bindPassword = bindPassword
        self.userSearch = userSearch
        self.groupSearches = groupSearches
        self.memberOfAttribute = memberOfAttribute
        self.nestedDepth = nestedDepth
        self.timeoutSeconds = timeoutSeconds
        self.poolSize = poolSize
    }
}



extension LDAPSettings {
    static let keys: Set<String> = [
        "id", "type", "displayName", "url", "startTLS", "insecureNoTLS", "caFile", "bindDN", "bindPasswordFile",
        "userSearch", "groupSearch", "memberOfAttribute", "nestedDepth", "timeout", "poolSize",
    ]

    init(_ reader: SettingsReader) throws(IdentityError) {
        try reader.rejectUnknown(Self.keys)
        let url = try reader.string("url")
        let lower = url.lowercased()
        guard lower.hasPrefix("ldap://") || lower.hasPrefix("ldaps://") else {
            throw reader.problem("url", "\"\(url)\" must start with ldap:// or ldaps://")
        }
        let startTLS = try reader.bool("startTLS", default: false)
        let insecure = try reader.bool("insecureNoTLS", default: false)
        if lower.hasPrefix("ldap://") && !startTLS && !insecure {
            throw reader.problem(
                "startTLS", "is false on \(url): passwords would cross the network in clear; set startTLS: true, "
                    + "use ldaps://, or (loopback tests only) insecureNoTLS: true")
        }
        let bindDN = try reader.string("bindDN", default: "")
        let users = try reader.section("userSearch")
        try users.rejectUnknown(["baseDN", "filter", "usernameAttribute", "idAttribute", "nameAttribute", "emailAttribute"])
        let userSearch = UserSearch(
            baseDN: try users.string("baseDN"),
            filter: try LDAPFilter.checked(try users.string("filter", default: "(objectClass=person)"), users, "filter"),
            usernameAttribute: try users.string("usernameAttribute", default: "uid"),
            idAttributes: try users.strings("idAttribute", default: ["entryUUID", "objectGUID"]),
            nameAttribute: try users.string("nameAttribute", default: "cn"),
            emailAttribute: try users.string("emailAttribute", default: "mail"))
        var groupSearches: [GroupSearch] = []
        for groups in try reader.sections("groupSearch") {
            try groups.rejectUnknown(["baseDN", "filter", "memberAttribute", "userAttribute", "nameAttribute"])
            groupSearches.append(
                GroupSearch(
                    baseDN: try groups.string("baseDN"),
                    filter: try LDAPFilter.checked(
                        try groups.string("filter", default: "(objectClass=groupOfNames)"), groups, "filter"),
                    memberAttribute: try groups.string("memberAttribute", default: "member"),
                    userAttribute: try groups.string("userAttribute", default: "dn"),
                    nameAttribute: try groups.string("nameAttribute", default: "cn")))
        }
        self.init(
            id: try reader.string("id"), displayName: try reader.string("displayName", default: ""), url: url,
            startTLS: startTLS, insecureNoTLS: insecure, caFile: try reader.string("caFile", default: ""),
            bindDN: bindDN, bindPassword: bindDN.isEmpty ? "" : try reader.secretFile("bindPasswordFile"),
            userSearch: userSearch, groupSearches: groupSearches,
            memberOfAttribute: try reader.string("memberOfAttribute", default: ""),
            nestedDepth: try reader.int("nestedDepth", default: 3, range: 0...10),
            timeoutSeconds: try reader.seconds("timeout", default: 10),
            poolSize: try reader.int("poolSize", default: 4, range: 1...64))
    }
}
