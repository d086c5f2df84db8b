import CBerthProto

/// Encodes `ProtoMessage` values to protobuf bytes and back, through protobuf-c and the generated descriptors.
///
/// Encode builds the protobuf-c structs in an `Arena` and calls `protobuf_c_message_pack`; decode calls
/// `protobuf_c_message_unpack`, copies into Swift values, then `protobuf_c_message_free_unpacked`. The bytes are
/// plain protobuf, identical to `protoc --encode` (map entries aside, whose order follows the Swift dictionary).
/// Thread-safe: the only shared state is the lock-protected layout cache.
public enum ProtoCodec {
    public static func encode<M: ProtoMessage>(_ message: M) throws(ProtoCodecError) -> [UInt8] {
        let layout = try MessageLayout.named(M.protoMessageName)
        let arena = Arena()
        let base = arena.newMessage(layout)
        do {
            try ValueWriter.encodeMessage(message, layout: layout, into: base, arena: arena)
        } catch {
            throw .wrapping(error, while: "encoding", layout.name)
        }
        return withExtendedLifetime(arena) {
            let cMessage = base.assumingMemoryBound(to: ProtobufCMessage.self)
            let size = protobuf_c_message_get_packed_size(cMessage)
            guard size > 0 else { return [] }
            return [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
                guard let out = buffer.baseAddress else { return }
                initialized = protobuf_c_message_pack(cMessage, out)
            }
        }
    }

    public static func decode<M: ProtoMessage>(
        _ type: M.Type, from bytes: UnsafeRawBufferPointer
    ) throws(ProtoCodecError) -> M {
        let layout = try MessageLayout.named(M.protoMessageName)
        // unpack never reads data when the length is 0, but it gets a valid pointer all the same.
        var empty: UInt8 = 0
        let unpacked = withUnsafeMutablePointer(to: &empty) { emptyPointer in
            protobuf_c_message_unpack(
                layout.descriptor, nil, bytes.count,
                bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(emptyPointer))
        }
        guard let unpacked else {
            throw ProtoCodecError(
                code: .malformedInput,
                message: "\(bytes.count) bytes are not a valid \(layout.name) (truncated, corrupt, or a field with "
                    + "the wrong wire type): check that the peer sends this message type")
        }
        defer { protobuf_c_message_free_unpacked(unpacked, nil) }
        do {
            return try M(from: MessageDecoder(layout: layout, base: UnsafeRawPointer(unpacked)))
        } catch {
            throw .wrapping(error, while: "decoding", layout.name)
        }
    }

    public static func decode<M: ProtoMessage>(_ type: M.Type, from bytes: [UInt8]) throws(ProtoCodecError) -> M {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(ProtoCodecError) in try decode(type, from: buffer) }
        }
        return try result.get()
    }
}
