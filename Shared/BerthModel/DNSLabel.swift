/// A validated DNS-1123 label: the shape Kubernetes requires of namespace names, and the shape Berth requires
/// of space, team, template and cluster names so that each can become a Kubernetes name unchanged.
///
/// Lowercase letters, digits and '-', starting with a letter, ending with a letter or digit, 1 to 63 characters.
/// (Kubernetes allows a leading digit in namespace names; Berth does not, so that a name is never mistaken
/// for a number in a table, a URL or a YAML scalar.)
public struct DNSLabel: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public static let maxLength = 63

    /// Validates `rawValue`; `kind` names the thing in the error ("space name", "team name").
    public init(_ rawValue: String, kind: String = "name") throws(ModelError) {
        if let problem = DNSLabel.problem(with: rawValue) {
            throw ModelError.invalidName(
                kind: kind, value: rawValue,
                reason: "\(problem): use lowercase letters, digits and '-', starting with a letter (at most 63)")
        }
        self.rawValue = rawValue
    }

    public init?(rawValue: String) {
        guard DNSLabel.problem(with: rawValue) == nil else { return nil }
        self.rawValue = rawValue
    }

    public init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer().decode(String.self)
        try self.init(value)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    /// Why `value` is not a DNS-1123 label, or nil when it is one.
    static func problem(with value: String) -> String? {
        let bytes = Array(value.utf8)
        if bytes.isEmpty { return "is empty" }
        if bytes.count > maxLength { return "is \(bytes.count) characters long" }
        for byte in bytes {
            let ok = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
            if !ok { return "is not a DNS-1123 label" }
        }
        guard let first = bytes.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else {
            return "does not start with a letter"
        }
        if bytes.last == UInt8(ascii: "-") { return "ends with '-'" }
        return nil
    }
}
