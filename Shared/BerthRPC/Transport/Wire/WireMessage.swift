/// Anything that can be a gRPC message body.
///
/// The transport never looks inside a message: it asks the message for its protobuf bytes and builds one from
/// bytes. The protobuf-c bridge adds `extension ProtoMessage` conformances; tests and the health service encode
/// their few fields by hand.
public protocol WireMessage: Sendable {
    /// Decodes a message from its protobuf encoding. Throw when the bytes are not a valid encoding.
    init(wireBytes: UnsafeRawBufferPointer) throws
    /// The message's protobuf encoding.
    func wireBytes() throws -> [UInt8]
}
