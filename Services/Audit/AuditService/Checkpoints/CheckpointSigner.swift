import BerthAuditChain
import BerthCrypto
import BerthRPC
import Foundation

/// Signs checkpoints with audit's own ES256 key (`<stateDir>/audit-signing-key.pem`, 0600, created at first
/// start; its public half is written beside it as `audit-signing-key.pub.pem` for offline verification).
struct CheckpointSigner: Sendable {
    static let keyFileName = "audit-signing-key.pem"
    static let publicKeyFileName = "audit-signing-key.pub.pem"

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

    /// Loads (or creates) the key in `stateDir` and (re)writes the public key file beside it.
    static func load(stateDir: String, now: @escaping @Sendable () -> Date) throws -> CheckpointSigner {
        let path = (stateDir as NSString).appendingPathComponent(keyFileName)
        let signer = try CheckpointSigner(key: try ECPrivateKey.loadOrCreate(at: path).key, now: now)
        let publicPath = (stateDir as NSString).appendingPathComponent(publicKeyFileName)
        try Data(signer.publicKeyPem.utf8).write(to: URL(fileURLWithPath: publicPath), options: .atomic)
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
