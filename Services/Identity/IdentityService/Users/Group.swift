/// A group of users (from a connector, SCIM or an admin).
public struct Group: Sendable, Equatable {
    /// Stable id (random for groups created through the admin RPCs; the name for groups created on first use).
    public var id: String
    public var name: String
    /// Subjects, sorted.
    public var memberIDs: [String]
    /// Seconds since 1970.
    public var createdAt: Int64

    public init(id: String, name: String, memberIDs: [String] = [], createdAt: Int64) {
        self.id = id
        self.name = name
        self.memberIDs = memberIDs
        self.createdAt = createdAt
    }
}

/// One page of a listing and the number of matches over all pages.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var total: Int
}
