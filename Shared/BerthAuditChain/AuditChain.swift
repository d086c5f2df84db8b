import BerthCrypto

/// The hash chain that makes the log tamper-evident: each record's hash covers its sequence number, its
/// canonical (protobuf) encoding and the previous record's hash, so changing, removing, inserting or reordering
/// any record changes every hash after it.
///
/// `hash(n) = SHA-256(hash(n-1) || big-endian u64 n || event bytes)`, with 32 zero bytes before the first record.
/// The stored protobuf bytes are the canonical form: the chain covers exactly what is stored, never a
/// re-encoding (map order in protobuf is not deterministic).
public enum AuditChain {
    public static let genesis = [UInt8](repeating: 0, count: SHA256.byteCount)

    public static func hash(previous: [UInt8], sequence: UInt64, event: [UInt8]) throws(CryptoError) -> [UInt8] {
        try SHA256.digest(previous, bigEndian(sequence), event)
    }

    static func bigEndian(_ value: UInt64) -> [UInt8] {
        (0..<8).reversed().map { UInt8(truncatingIfNeeded: value >> (UInt64($0) * 8)) }
    }
}
