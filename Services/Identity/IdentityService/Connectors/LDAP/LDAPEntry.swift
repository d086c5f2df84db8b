/// One entry a search returned: its DN and the attributes asked for (names lower-cased, values as UTF-8 text).
struct LDAPEntry: Sendable, Equatable {
    var dn: String
    var attributes: [String: [String]]

    /// The first value of `name` (case-insensitive), or nil.
    func first(_ name: String) -> String? { attributes[name.lowercased()]?.first }

    /// Every value of `name` (case-insensitive).
    func values(_ name: String) -> [String] { attributes[name.lowercased()] ?? [] }
}
