import BerthCrypto
import BerthRPC
import Foundation

/// One signed checkpoint as the sinks write it:
/// `{"type":"checkpoint","sequence":N,"headHash":hex,"time":RFC 3339,"timeUnixNanos":…,"signature":hex,"keyId":…}`.
///
/// To check it off the host: the signature is ES256 (raw r || s, 64 bytes, as in JWS) by the key `keyId` (the JWK thumbprint of
/// `audit-signing-key.pub.pem`) over `CheckpointStatement`'s signing input
/// (`"berth.audit.checkpoint.v1\n" || u64be(sequence) || headHash || i64be(timeUnixNanos)`), and `headHash`
/// must equal the `hash` of the exported event with that sequence.
struct ExportedCheckpoint: JSONLineEncodable {
    let type = "checkpoint"
    let sequence: UInt64
    let headHash: String
    let time: String
    let timeUnixNanos: Int64
    let signature: String
    let keyId: String

    init(_ checkpoint: AuditV1.Checkpoint) {
        sequence = checkpoint.sequence
        headHash = [UInt8](checkpoint.headHash).hexString
        time = ExportedRecord.rfc3339(unixNanos: checkpoint.timeUnixNanos)
        timeUnixNanos = checkpoint.timeUnixNanos
        signature = [UInt8](checkpoint.signature).hexString
        keyId = checkpoint.keyId
    }
}
