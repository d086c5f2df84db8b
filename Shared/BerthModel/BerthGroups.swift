/// Berth's own group names (directory or local groups), shared by every service that decides who may do what.
public enum BerthGroups {
    /// Members administer Berth through every API (the bootstrap admin is one). A directory group of this name
    /// (mapped by a connector) counts the same.
    public static let admins = "berth-admins"
}
