/// A Swift value that is a protobuf message on the wire. Codable synthesis gives the fields.
///
/// Property names are the lowerCamelCase of the proto field names (`time_unix_nanos` <-> `timeUnixNanos`);
/// see Shared/BerthRPC/README.md for the full mapping. Encode and decode through `ProtoCodec`.
public protocol ProtoMessage: Codable, Sendable, WireMessage {
    /// Full proto name, e.g. "berth.audit.v1.Event".
    static var protoMessageName: String { get }
}

/// Every proto message is a gRPC message body: the transport asks the bridge for its bytes.
extension ProtoMessage {
    public init(wireBytes: UnsafeRawBufferPointer) throws {
        self = try ProtoCodec.decode(Self.self, from: wireBytes)
    }

    public func wireBytes() throws -> [UInt8] {
        try ProtoCodec.encode(self)
    }
}

/// A Swift enum mirroring a proto enum: Int32 raw values equal to the proto numbers.
///
/// Decoding a number with no case is a `ProtoCodecError` with code `.unknownEnumValue` (proto3 keeps unknown
/// numbers open; Berth's contracts are closed vocabularies, so an unknown value means a newer peer).
public protocol ProtoEnum: RawRepresentable, Codable, Sendable, CaseIterable where RawValue == Int32 {}
