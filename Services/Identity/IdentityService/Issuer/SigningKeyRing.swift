import BerthCrypto
import Synchronization

/// The issuer's ES256 keys: which one signs now, which ones the JWKS publishes, rotation with overlap.
///
/// The active key signs until it is `rotationPeriod` old; then a new key is generated and the old one retired.
/// A retired key stays published (and accepted by `publicKey(id:)`) for `overlap` (the ID token lifetime), so
/// every token it signed can still be verified until it expires; after that it is deleted.
public final class SigningKeyRing: Sendable {
    let store: any SigningKeyStore
    /// Seconds.
    let rotationPeriod: Int64
    let overlap: Int64
    /// Parsed keys by id (parsing PEM on every token is wasted work).
    private let parsed = Mutex<[String: ECPrivateKey]>([:])

    public init(store: any SigningKeyStore, rotationPeriod: Int64, overlap: Int64) {
        self.store = store
        self.rotationPeriod = rotationPeriod
        self.overlap = overlap
    }

    /// The key that signs at `now`, rotating first when the active one is due (or there is none).
    public func signingKey(now: Int64) throws(IdentityError) -> (id: String, key: ECPrivateKey) {
        for _ in 0..<3 {
            let keys = try store.keys()
            let active = keys.first { $0.retiredAt == nil }
            if let active, now < active.createdAt + rotationPeriod {
                return (active.keyID, try parse(active))
            }
            let fresh = try generate(now: now)
            if try store.rotate(to: fresh.stored, expectedActive: active?.keyID) {
                try store.prune(retiredBefore: now - overlap)
                return (fresh.stored.keyID, fresh.key)
            }
            // Another caller rotated meanwhile: read again and use theirs.
        }
        throw IdentityError(code: .storage, message: "identity.db: signing key rotation keeps conflicting: retry")
    }

    /// Every key a token may carry at `now`: the active one and those retired less than `overlap` ago.
    public func publishedKeys(now: Int64) throws(IdentityError) -> [(id: String, key: ECPublicKey)] {
        try store.keys().filter { key in key.retiredAt.map { now < $0 + overlap } ?? true }.map { key throws(IdentityError) in
            (key.keyID, try parse(key).publicKey)
        }
    }

    /// The JWKS document at `now`.
    public func jwks(now: Int64) throws(IdentityError) -> JWKSet {
        do {
            return JWKSet(keys: try publishedKeys(now: now).map { try JWK(publicKey: $0.key, keyID: $0.id) })
        } catch let error as IdentityError {
            throw error
        } catch {
            throw IdentityError.crypto("build the JWKS", error)
        }
    }

    private func generate(now: Int64) throws(IdentityError) -> (stored: StoredSigningKey, key: ECPrivateKey) {
        do {
            let key = try ECPrivateKey.generate()
            let id = try key.publicKey.jwkThumbprint()
            parsed.withLock { $0[id] = key }
            return (StoredSigningKey(keyID: id, privateKeyPEM: try key.pemRepresentation(), createdAt: now), key)
        } catch {
            throw IdentityError.crypto("generate a signing key", error)
        }
    }

    private func parse(_ stored: StoredSigningKey) throws(IdentityError) -> ECPrivateKey {
        if let key = parsed.withLock({ $0[stored.keyID] }) { return key }
        do {
            let key = try ECPrivateKey(pem: stored.privateKeyPEM)
            parsed.withLock { $0[stored.keyID] = key }
            return key
        } catch {
            throw IdentityError.crypto("read signing key \(stored.keyID)", error)
        }
    }
}
