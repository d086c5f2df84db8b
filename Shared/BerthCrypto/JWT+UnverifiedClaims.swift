import Foundation

extension JWT {
    /// The payload of a compact JWS as a JSON object, *without* checking anything: for a client reading its own
    /// token (the CLI's cache entry, the portal's nonce check after identity verified the token). Never a basis
    /// for trust; servers use `verify`. Empty for anything that is not three parts with a JSON object payload.
    public static func unverifiedClaims(of token: String) -> [String: Any] {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = Base64URL.decode(String(parts[1])) else { return [:] }
        return (try? JSONSerialization.jsonObject(with: Data(payload))) as? [String: Any] ?? [:]
    }
}
