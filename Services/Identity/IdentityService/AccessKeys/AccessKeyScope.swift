/// What an access key may do. The text forms are stored and travel in `VerifyTokenResponse.scopes`:
/// `read-only`, `admin`, `scim` (user and group provisioning only), `team:<name>` and `team:<name>:<role>`.
public enum AccessKeyScope: Sendable, Hashable, CustomStringConvertible {
    case readOnly
    case admin
    case scim
    case team(name: String, role: String?)

    public init(parsing text: String) throws(IdentityError) {
        switch text {
        case "read-only": self = .readOnly
        case "admin": self = .admin
        case "scim": self = .scim
        default:
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.first == "team", parts.count == 2 || parts.count == 3,
                parts.dropFirst().allSatisfy({ !$0.isEmpty && !$0.contains(where: \.isWhitespace) })
            else {
                throw IdentityError(
                    code: .invalidArgument,
                    message: "access key scope \"\(text)\" is not known: use read-only, admin, scim, team:<name> or "
                        + "team:<name>:<role>")
            }
            self = .team(name: parts[1], role: parts.count == 3 ? parts[2] : nil)
        }
    }

    public var description: String {
        switch self {
        case .readOnly: "read-only"
        case .admin: "admin"
        case .scim: "scim"
        case .team(let name, let role): role.map { "team:\(name):\($0)" } ?? "team:\(name)"
        }
    }

    /// Whether a person with `rights` may hand this scope to a key: no key is wider than its creator.
    ///
    /// Identity cannot see tenancy's team rosters, so a team scope needs membership of the identity group of
    /// the same name (what the connectors and SCIM provision); anyone else asks an admin.
    func isGrantable(by rights: CallerRights) -> Bool {
        if rights.isAdmin { return true }
        switch self {
        case .readOnly: return true
        case .admin, .scim: return false
        case .team(let name, _): return rights.groups.contains(name)
        }
    }
}
