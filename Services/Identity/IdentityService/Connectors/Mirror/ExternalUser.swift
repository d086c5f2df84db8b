/// A person as an external connector (LDAP, upstream OIDC) saw them at login, before Berth mirrors them.
public struct ExternalUser: Sendable, Equatable {
    /// The connector's stable id for them: LDAP `entryUUID`/`objectGUID` (else the DN), OIDC `sub`.
    public var externalID: String
    public var username: String
    public var displayName: String
    public var email: String
    /// Group names, as the connector maps them.
    public var groups: [String]
    /// Where the entry lives (LDAP DN; the issuer for OIDC), kept for admins.
    public var location: String

    public init(
        externalID: String, username: String, displayName: String = "", email: String = "", groups: [String] = [],
        location: String = ""
    ) {
        self.externalID = externalID
        self.username = username
        self.displayName = displayName
        self.email = email
        self.groups = groups
        self.location = location
    }
}
