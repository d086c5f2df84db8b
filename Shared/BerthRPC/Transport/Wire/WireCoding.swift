import GRPCCore

/// grpc-swift serializer for any `WireMessage`.
struct WireSerializer<Message: WireMessage>: MessageSerializer {
    func serialize<Bytes: GRPCContiguousBytes>(_ message: Message) throws -> Bytes {
        let bytes: [UInt8]
        do {
            bytes = try message.wireBytes()
        } catch {
            throw RPCError(code: .internalError, message: "could not encode \(Message.self): \(error)")
        }
        return Bytes(bytes)
    }
}

/// grpc-swift deserializer for any `WireMessage`, with the method's size limit.
///
/// The transport already refuses frames above the server-wide limit; this applies the (possibly lower)
/// per-method limit and names the method in the message.
struct WireDeserializer<Message: WireMessage>: MessageDeserializer {
    /// The largest body accepted, in bytes.
    let maxBytes: Int
    /// What the message is, for error messages (`berth.audit.v1.AuditService/Append request`).
    let what: String

    func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws -> Message {
        guard serializedMessageBytes.count <= maxBytes else {
            throw RPCError(
                code: .resourceExhausted,
                message: "\(what) is \(serializedMessageBytes.count) bytes, above the limit of \(maxBytes) bytes: "
                    + "send less per call")
        }
        do {
            return try serializedMessageBytes.withUnsafeBytes { try Message(wireBytes: $0) }
        } catch {
            throw RPCError(code: .invalidArgument, message: "\(what) is not a valid \(Message.self) message: \(error)")
        }
    }
}
