/// Users of external connectors, mirrored into identity.db at each login so they get a stable `sub` and the
/// rest of Berth (sessions, tokens, teams) sees one kind of user.
///
/// Contract:
/// - `mirror` is keyed by (connector id, external id): the first login creates a user with a fresh random id;
///   later logins update its username, name, email and group memberships (replaced by the connector's view) and
///   keep the id, so a user renamed in the directory keeps their `sub`. Atomic: all of it or nothing.
/// - A username already held by another user (another connector's, or the same connector's under another
///   external id) throws `.alreadyExists` naming both, and changes nothing.
/// - Returns the user as stored (a user disabled in Berth stays disabled; the caller refuses the login).
/// - Storage failures throw `.storage`. Safe to retry.
public protocol MirroredUserStore: Sendable {
    func mirror(_ external: ExternalUser, connectorID: String, now: Int64) throws(IdentityError) -> User
}
