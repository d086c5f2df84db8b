/// A Swift value that is a protobuf message on the wire. Codable synthesis gives the fields.
///
/// Property names are the lowerCamelCase of the proto field names (`time_unix_nanos` <-> `timeUnixNanos`);
/// see Shared/BerthRPC/README.md for the full mapping. Encode and decode through `ProtoCodec`.
public protocol ProtoMessage: Codable, Sendable {
    /// Full proto name, e.g. "berth.audit.v1.Event".
    static var protoMessageName: String { get }
}

/// A Swift enum mirroring a proto enum: Int32 raw values equal to the proto numbers.
///
/// Decoding a number with no case is a `ProtoCodecError` with code `.unknownEnumValue` (proto3 keeps unknown
/// numbers open; Berth's contracts are closed vocabularies, so an unknown value means a newer peer).
public protocol ProtoEnum: RawRepresentable, Codable, Sendable, CaseIterable where RawValue == Int32 {}
