import BerthCrypto
import Foundation

/// A registered OAuth client: who may ask for tokens, where codes may be sent, which grants it may use.
///
/// A public client (the CLI) has no secret and must use PKCE S256; a confidential client authenticates with a
/// secret whose scrypt hash (`BerthCrypto.PasswordHash` encoding) is all Berth keeps.
public struct OAuthClient: Sendable, Equatable {
    public enum Grant: String, Sendable, Codable, CaseIterable {
        case authorizationCode = "authorization_code"
        case refreshToken = "refresh_token"
        case deviceCode = "urn:ietf:params:oauth:grant-type:device_code"
    }

    public var id: String
    public var isPublic: Bool
    /// Confidential clients only.
    public var secretHash: PasswordHash?
    /// Exact matches, except loopback URIs of a public client (`http://127.0.0.1/…`, `http://[::1]/…`), which
    /// match on any port (RFC 8252 §7.3).
    public var redirectURIs: [String]
    public var postLogoutRedirectURIs: [String]
    public var grants: Set<Grant>
    /// `ES256` (the default) or `RS256` (`JWSAlgorithm`); the registry refuses anything else at start.
    public var idTokenSigningAlg: String

    public init(
        id: String, isPublic: Bool, secretHash: PasswordHash? = nil, redirectURIs: [String] = [],
        postLogoutRedirectURIs: [String] = [], grants: Set<Grant> = Set(Grant.allCases),
        idTokenSigningAlg: String = "ES256"
    ) {
        self.id = id
        self.isPublic = isPublic
        self.secretHash = secretHash
        self.redirectURIs = redirectURIs
        self.postLogoutRedirectURIs = postLogoutRedirectURIs
        self.grants = grants
        self.idTokenSigningAlg = idTokenSigningAlg
    }

    /// The built-in CLI client: public, loopback redirects on any port, every grant.
    public static let berthCLI = OAuthClient(
        id: "berth-cli", isPublic: true, redirectURIs: ["http://127.0.0.1/callback", "http://[::1]/callback"])

    /// Whether `uri` is one of the registered redirect URIs.
    public func allowsRedirect(_ uri: String) -> Bool {
        if redirectURIs.contains(uri) { return true }
        guard isPublic, let given = URLComponents(string: uri), given.scheme == "http",
            let host = given.host, Self.loopbackHosts.contains(host), given.query == nil, given.fragment == nil
        else { return false }
        return redirectURIs.contains { registered in
            guard let candidate = URLComponents(string: registered) else { return false }
            return candidate.scheme == "http" && candidate.host == host && candidate.port == nil
                && candidate.path == given.path
        }
    }

    private static let loopbackHosts: Set<String> = ["127.0.0.1", "::1", "[::1]"]
}
