import BerthCrypto
import BerthStore
import GRDB

/// One stored signing key.
public struct StoredSigningKey: Sendable, Equatable {
    /// RFC 7638 thumbprint of the public key.
    public var keyID: String
    /// ES256 or RS256 (the `algorithm` column; unknown values are skipped when reading).
    public var algorithm: JWSAlgorithm
    public var privateKeyPEM: String
    public var createdAt: Int64
    /// When a newer key of the same algorithm replaced it; nil while it signs.
    public var retiredAt: Int64?

    public init(
        keyID: String, algorithm: JWSAlgorithm = .es256, privateKeyPEM: String, createdAt: Int64,
        retiredAt: Int64? = nil
    ) {
        self.keyID = keyID
        self.algorithm = algorithm
        self.privateKeyPEM = privateKeyPEM
        self.createdAt = createdAt
        self.retiredAt = retiredAt
    }
}

/// Berth's issuer signing keys.
///
/// Contract: at most one key per algorithm is active (`retiredAt == nil`). `rotate` retires the active key of the
/// new key's algorithm (if any) and adds the new one in one transaction, and only if that active key is still
/// `expectedActive` (so two concurrent rotations add one key, not two); it returns false when it lost that race. `prune` deletes retired keys retired
/// before a time. Storage failures throw `.storage`.
public protocol SigningKeyStore: Sendable {
    func keys() throws(IdentityError) -> [StoredSigningKey]
    func rotate(to key: StoredSigningKey, expectedActive: String?) throws(IdentityError) -> Bool
    func prune(retiredBefore: Int64) throws(IdentityError)
}

/// `SigningKeyStore` on identity.db (the file is 0600; private keys are PKCS#8 PEM in it).
public struct SQLiteSigningKeyStore: SigningKeyStore {
    let database: BerthDatabase

    public init(database: BerthDatabase) { self.database = database }

    public func keys() throws(IdentityError) -> [StoredSigningKey] {
        do {
            return try database.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT kid, algorithm, private_key_pem, created_at, retired_at FROM signing_keys
                        ORDER BY created_at DESC
                        """
                ).compactMap { row -> StoredSigningKey? in
                    // A key of an algorithm this build does not know (a newer Berth wrote it) is not ours to use.
                    guard let algorithm = JWSAlgorithm(rawValue: row["algorithm"]) else { return nil }
                    return StoredSigningKey(
                        keyID: row["kid"], algorithm: algorithm, privateKeyPEM: row["private_key_pem"],
                        createdAt: row["created_at"], retiredAt: row["retired_at"])
                }
            }
        } catch {
            throw IdentityError.storage("read signing keys", error)
        }
    }

    public func rotate(to key: StoredSigningKey, expectedActive: String?) throws(IdentityError) -> Bool {
        do {
            return try database.write { db in
                let algorithm = key.algorithm.rawValue
                let active = try String.fetchOne(
                    db, sql: "SELECT kid FROM signing_keys WHERE retired_at IS NULL AND algorithm = ?",
                    arguments: [algorithm])
                guard active == expectedActive else { return false }
                try db.execute(
                    sql: "UPDATE signing_keys SET retired_at = ? WHERE retired_at IS NULL AND algorithm = ?",
                    arguments: [key.createdAt, algorithm])
                try db.execute(
                    sql: """
                        INSERT INTO signing_keys (kid, algorithm, private_key_pem, created_at, retired_at)
                        VALUES (?, ?, ?, ?, NULL)
                        """,
                    arguments: [key.keyID, algorithm, key.privateKeyPEM, key.createdAt])
                return true
            }
        } catch {
            throw IdentityError.storage("store a new signing key", error)
        }
    }

    public func prune(retiredBefore: Int64) throws(IdentityError) {
        do {
            try database.write { db in
                try db.execute(
                    sql: "DELETE FROM signing_keys WHERE retired_at IS NOT NULL AND retired_at < ?",
                    arguments: [retiredBefore])
            }
        } catch {
            throw IdentityError.storage("prune signing keys", error)
        }
    }
}
