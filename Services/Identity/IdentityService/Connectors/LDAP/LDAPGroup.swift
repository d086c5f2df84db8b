/// A group a directory user belongs to, and how: `path` is the chain of group names from the group the user is a
/// direct member of to this one (`["developers"]` direct; `["developers", "engineering"]` one level nested).
public struct LDAPGroup: Sendable, Equatable {
    public var name: String
    public var dn: String
    public var path: [String]
}
