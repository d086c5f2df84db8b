import BerthCrypto
import Synchronization

/// The issuer's signing keys, one current key per algorithm (ES256, RS256): which one signs now, which ones the
/// JWKS publishes, rotation with overlap.
///
/// Each algorithm rotates on its own under the same rule: the active key signs until it is `rotationPeriod`
/// old; then a new key is generated and the old one retired. A retired key stays published (and accepted by
/// `publishedKeys`) for `overlap` (the ID token lifetime), so every token it signed can still be verified until
/// it expires; after that it is deleted. A key is generated the first time its algorithm is asked for.
public final class SigningKeyRing: Sendable {
    let store: any SigningKeyStore
    /// Seconds.
    let rotationPeriod: Int64
    let overlap: Int64
    /// Parsed keys by id (parsing PEM on every token is wasted work).
    private let parsed = Mutex<[String: any JWSSigningKey]>([:])

    public init(store: any SigningKeyStore, rotationPeriod: Int64, overlap: Int64) {
        self.store = store
        self.rotationPeriod = rotationPeriod
        self.overlap = overlap
    }

    /// The `algorithm` key that signs at `now`, rotating first when the active one is due (or there is none).
    public func signingKey(
        now: Int64, algorithm: JWSAlgorithm = .es256
    ) throws(IdentityError) -> (id: String, key: any JWSSigningKey) {
        for _ in 0..<3 {
            let keys = try store.keys()
            let active = keys.first { $0.retiredAt == nil && $0.algorithm == algorithm }
            if let active, now < active.createdAt + rotationPeriod {
                return (active.keyID, try parse(active))
            }
            let fresh = try generate(algorithm, now: now)
            if try store.rotate(to: fresh.stored, expectedActive: active?.keyID) {
                try store.prune(retiredBefore: now - overlap)
                return (fresh.stored.keyID, fresh.key)
            }
            // Another caller rotated meanwhile: read again and use theirs.
        }
        throw IdentityError(code: .storage, message: "identity.db: signing key rotation keeps conflicting: retry")
    }

    /// Makes sure every algorithm has a current key at `now` (rotating those that are due): before publishing
    /// the JWKS, so a relying party sees a key before the first token it signs.
    public func ensureCurrentKeys(now: Int64) throws(IdentityError) {
        for algorithm in JWSAlgorithm.allCases { _ = try signingKey(now: now, algorithm: algorithm) }
    }

    /// Every key a token may carry at `now`, of every algorithm: the active ones and those retired less than
    /// `overlap` ago.
    public func publishedKeys(now: Int64) throws(IdentityError) -> [(id: String, key: any JWSPublicKey)] {
        try publishedSigningKeys(now: now).map { ($0.id, $0.key.verifyingKey) }
    }

    /// The JWKS document at `now` (each entry names its `alg`).
    public func jwks(now: Int64) throws(IdentityError) -> JWKSet {
        do {
            return JWKSet(keys: try publishedSigningKeys(now: now).map { try $0.key.publicJWK(keyID: $0.id) })
        } catch let error as IdentityError {
            throw error
        } catch {
            throw IdentityError.crypto("build the JWKS", error)
        }
    }

    private func publishedSigningKeys(now: Int64) throws(IdentityError) -> [(id: String, key: any JWSSigningKey)] {
        try store.keys().filter { key in key.retiredAt.map { now < $0 + overlap } ?? true }.map {
            key throws(IdentityError) in (key.keyID, try parse(key))
        }
    }

    private func generate(
        _ algorithm: JWSAlgorithm, now: Int64
    ) throws(IdentityError) -> (stored: StoredSigningKey, key: any JWSSigningKey) {
        do {
            let key = try algorithm.generateKey()
            let id = try key.jwkThumbprint()
            parsed.withLock { $0[id] = key }
            return (
                StoredSigningKey(
                    keyID: id, algorithm: algorithm, privateKeyPEM: try key.pemRepresentation(), createdAt: now),
                key
            )
        } catch {
            throw IdentityError.crypto("generate a \(algorithm.rawValue) signing key", error)
        }
    }

    private func parse(_ stored: StoredSigningKey) throws(IdentityError) -> any JWSSigningKey {
        if let key = parsed.withLock({ $0[stored.keyID] }) { return key }
        do {
            let key = try stored.algorithm.privateKey(pem: stored.privateKeyPEM)
            parsed.withLock { $0[stored.keyID] = key }
            return key
        } catch {
            throw IdentityError.crypto("read signing key \(stored.keyID)", error)
        }
    }
}
