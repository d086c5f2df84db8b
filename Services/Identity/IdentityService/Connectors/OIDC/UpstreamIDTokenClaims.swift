/// The claims of an upstream ID token that Berth reads: every string and string-array claim by name, so
/// `usernameClaim` and `groupsClaim` can name any claim.
struct UpstreamIDTokenClaims: Decodable, Sendable {
    var strings: [String: String] = [:]
    var lists: [String: [String]] = [:]

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for key in container.allKeys {
            if let value = try? container.decode(String.self, forKey: key) {
                strings[key.stringValue] = value
            } else if let values = try? container.decode([String].self, forKey: key) {
                lists[key.stringValue] = values
            }
        }
    }

    /// A claim as a list: an array, or one string as a list of one.
    func list(_ name: String) -> [String] { lists[name] ?? strings[name].map { [$0] } ?? [] }
}
