import BerthCrypto

/// What a checkpoint signs: "the event with `sequence` has hash `headHash`, as of `timeUnixNanos`".
///
/// Signing input: `"berth.audit.checkpoint.v1\n" || u64be(sequence) || headHash (32) || i64be(timeUnixNanos)`.
/// The fixed prefix keeps a checkpoint signature from being valid for anything else the key might sign.
public struct CheckpointStatement: Sendable, Equatable {
    public var sequence: UInt64
    public var headHash: [UInt8]
    public var timeUnixNanos: Int64

    public init(sequence: UInt64, headHash: [UInt8], timeUnixNanos: Int64) {
        self.sequence = sequence
        self.headHash = headHash
        self.timeUnixNanos = timeUnixNanos
    }

    static let domain = Array("berth.audit.checkpoint.v1\n".utf8)

    public var signingInput: [UInt8] {
        Self.domain + AuditChain.bigEndian(sequence) + headHash
            + AuditChain.bigEndian(UInt64(bitPattern: timeUnixNanos))
    }

    public func sign(with key: ECPrivateKey) throws(CryptoError) -> [UInt8] {
        try key.sign(signingInput)
    }

    public func isSigned(_ signature: [UInt8], by key: ECPublicKey) -> Bool {
        key.isValidSignature(signature, for: signingInput)
    }
}
