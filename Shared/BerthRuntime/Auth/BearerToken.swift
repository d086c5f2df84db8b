import Foundation

/// The bearer token a call carries in its `authorization` metadata (gRPC) or header (HTTP), RFC 6750 §2.1.
public enum BearerToken {
    /// The metadata key, lower case as gRPC sends it.
    public static let metadataKey = "authorization"

    /// The token of `Bearer <token>` (scheme case-insensitive); nil when absent or another scheme.
    public static func parse(_ value: String?) -> String? {
        guard let value else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    /// The token in a call's metadata.
    public static func from(metadata: [String: String]) -> String? {
        parse(metadata[metadataKey])
    }

    /// Metadata that forwards `token` to another service, so that it acts for the same person.
    public static func metadata(forwarding token: String) -> [String: String] {
        [metadataKey: "Bearer \(token)"]
    }
}
