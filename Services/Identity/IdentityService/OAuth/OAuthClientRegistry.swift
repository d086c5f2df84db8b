import BerthCrypto
import Foundation

/// The clients tokens may be issued to: the built-in `berth-cli`, the entries of `identity.clientsFile`, and the
/// ids of `identity.clients` that are in neither (audience-only: they may appear as `aud` of a password login,
/// e.g. `kubernetes`, but use no OAuth flow).
///
/// `identity.clientsFile` is JSON:
/// `{"clients": [{"id": "grafana", "secretHash": "<PasswordHash encoding>", "redirectURIs": ["https://…"],
///  "postLogoutRedirectURIs": [], "grants": ["authorization_code", "refresh_token"], "idTokenSigningAlg": "ES256"},
///  {"id": "tool", "public": true, "redirectURIs": ["http://127.0.0.1/cb"]}]}`. A confidential client without
/// `secretHash` is refused at start; a plaintext `secret` member is refused too (never at rest).
public struct OAuthClientRegistry: Sendable {
    public let clients: [String: OAuthClient]
    /// Ids only valid as an audience (PasswordLogin).
    public let audiences: Set<String>

    public init(clients: [OAuthClient], audiences: Set<String> = []) {
        var byID: [String: OAuthClient] = [:]
        for client in clients { byID[client.id] = client }
        self.clients = byID
        self.audiences = audiences.union(byID.keys)
    }

    public func client(_ id: String) -> OAuthClient? { clients[id] }

    /// The clients whose ID tokens are not ES256, by id: what `IDTokenIssuer` signs each audience with.
    public var signingAlgorithms: [String: JWSAlgorithm] {
        clients.compactMapValues { client in
            JWSAlgorithm(rawValue: client.idTokenSigningAlg).flatMap { $0 == .es256 ? nil : $0 }
        }
    }

    struct FileEntry: Decodable {
        var id: String
        var `public`: Bool?
        var secretHash: String?
        var secret: String?
        var redirectURIs: [String]?
        var postLogoutRedirectURIs: [String]?
        var grants: [OAuthClient.Grant]?
        var idTokenSigningAlg: String?
    }

    struct File: Decodable { var clients: [FileEntry] }

    /// Reads `clientsFile` ("" = none) and merges the built-in `berth-cli` and the `identity.clients` ids.
    public static func load(clientsFile: String, clientIDs: Set<String>) throws(IdentityError) -> OAuthClientRegistry {
        var registered = [OAuthClient.berthCLI]
        if !clientsFile.isEmpty {
            let file: File
            do {
                file = try JSONDecoder().decode(File.self, from: Data(contentsOf: URL(fileURLWithPath: clientsFile)))
            } catch {
                throw IdentityError(
                    code: .invalidArgument,
                    message: "identity.clientsFile \(clientsFile): cannot read it as {\"clients\": [...]}: \(error)")
            }
            for entry in file.clients {
                registered.removeAll { $0.id == entry.id }
                registered.append(try client(from: entry, file: clientsFile))
            }
        }
        return OAuthClientRegistry(clients: registered, audiences: clientIDs)
    }

    static func client(from entry: FileEntry, file: String) throws(IdentityError) -> OAuthClient {
        let isPublic = entry.public ?? false
        func refuse(_ problem: String) -> IdentityError {
            IdentityError(
                code: .invalidArgument, message: "identity.clientsFile \(file): client \"\(entry.id)\": \(problem)")
        }
        if entry.secret != nil {
            throw refuse(
                "has a plaintext \"secret\": store only \"secretHash\" (a BerthCrypto.PasswordHash encoding of the secret)"
            )
        }
        var hash: PasswordHash?
        if !isPublic {
            guard let encoded = entry.secretHash, let parsed = PasswordHash(encoded: encoded) else {
                throw refuse("is confidential but has no valid \"secretHash\": add one, or set \"public\": true")
            }
            hash = parsed
        }
        let algorithm = entry.idTokenSigningAlg ?? JWSAlgorithm.es256.rawValue
        guard JWSAlgorithm(rawValue: algorithm) != nil else {
            throw refuse("idTokenSigningAlg \"\(algorithm)\" is not supported: use ES256 (the default) or RS256")
        }
        return OAuthClient(
            id: entry.id, isPublic: isPublic, secretHash: hash, redirectURIs: entry.redirectURIs ?? [],
            postLogoutRedirectURIs: entry.postLogoutRedirectURIs ?? [],
            grants: Set(entry.grants ?? OAuthClient.Grant.allCases), idTokenSigningAlg: algorithm)
    }
}
