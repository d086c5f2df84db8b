import BerthAuditChain
import BerthCrypto
import BerthRPC
import BerthRuntime
import Foundation

/// Signs checkpoints with audit's own ES256 key (`BerthPaths.auditSigningKeyPath`, 0600, created at first
/// start unless `berth admin init` made it; its public half is written to `auditSigningPublicKeyPath` for offline
/// verification).
struct CheckpointSigner: Sendable {

    let key: ECPrivateKey
    let keyId: String
    let publicKeyPem: String
    let now: @Sendable () -> Date

    init(key: ECPrivateKey, now: @escaping @Sendable () -> Date) throws {
        self.key = key
        self.keyId = try key.publicKey.jwkThumbprint()
        self.publicKeyPem = try key.publicKey.pemRepresentation()
        self.now = now
    }

    /// Loads (or creates) the key and (re)writes the public key file beside it.
    static func load(paths: BerthPaths, now: @escaping @Sendable () -> Date) throws -> CheckpointSigner {
        let signer = try CheckpointSigner(key: try ECPrivateKey.loadOrCreate(at: paths.auditSigningKeyPath).key, now: now)
        try Data(signer.publicKeyPem.utf8).write(
            to: URL(fileURLWithPath: paths.auditSigningPublicKeyPath), options: .atomic)
        return signer
    }

    func sign(sequence: UInt64, headHash: [UInt8]) throws -> AuditV1.Checkpoint {
        let time = Int64((now().timeIntervalSince1970 * 1e9).rounded())
        let statement = CheckpointStatement(sequence: sequence, headHash: headHash, timeUnixNanos: time)
        return AuditV1.Checkpoint(
            sequence: sequence, headHash: Data(headHash), timeUnixNanos: time,
            signature: Data(try statement.sign(with: key)), keyId: keyId)
    }
}
