import BerthCrypto
import BerthRPC

/// One spooled event on disk: `u32 big-endian payload length | first 8 bytes of SHA-256(payload) | payload`,
/// where the payload is the event's protobuf encoding (the same bytes the Append RPC carries).
///
/// The checksum tells a complete record from a torn write (a crash in the middle of `write`), which leaves a
/// short or garbled tail: reading stops at the first record that is short or does not match its checksum.
enum SpoolRecord {
    static let headerBytes = 12
    static let checksumBytes = 8
    /// A length above this is garbage, not an event (audit's own message limit is far below).
    static let maxPayloadBytes = 16 * 1024 * 1024

    static func encode(_ event: AuditV1.Event) throws -> [UInt8] {
        let payload = try ProtoCodec.encode(event)
        let length = UInt32(payload.count)
        var bytes = (0..<4).reversed().map { UInt8(truncatingIfNeeded: length >> (UInt32($0) * 8)) }
        bytes += try SHA256.digest(payload).prefix(checksumBytes)
        bytes += payload
        return bytes
    }

    /// What a read of the whole file found: the complete records, and where the last one ends.
    struct Scan {
        var events: [AuditV1.Event] = []
        /// File offsets just past each complete record (`ends[i]` ends `events[i]`).
        var ends: [Int] = []
        /// Why reading stopped before the end of the file, nil when every byte belonged to a complete record.
        var damage: String?

        var validBytes: Int { ends.last ?? 0 }
    }

    static func scan(_ bytes: [UInt8]) -> Scan {
        var scan = Scan()
        var offset = 0
        while offset < bytes.count {
            guard bytes.count - offset >= headerBytes else {
                scan.damage = "a record header is cut short (\(bytes.count - offset) bytes at offset \(offset))"
                break
            }
            let length = bytes[offset..<offset + 4].reduce(0) { ($0 << 8) | Int($1) }
            let start = offset + headerBytes
            guard length <= maxPayloadBytes, bytes.count - start >= length else {
                scan.damage = "the record at offset \(offset) is cut short (needs \(length) bytes)"
                break
            }
            let payload = Array(bytes[start..<start + length])
            guard let digest = try? SHA256.digest(payload),
                digest.prefix(checksumBytes).elementsEqual(bytes[offset + 4..<start])
            else {
                scan.damage = "the record at offset \(offset) does not match its checksum"
                break
            }
            guard let event = try? ProtoCodec.decode(AuditV1.Event.self, from: payload) else {
                scan.damage = "the record at offset \(offset) is not an audit event"
                break
            }
            scan.events.append(event)
            offset = start + length
            scan.ends.append(offset)
        }
        return scan
    }
}
