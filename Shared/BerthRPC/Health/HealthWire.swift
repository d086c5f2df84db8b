/// Hand-written protobuf encoding of the two health messages.
///
/// Temporary: at integration the protobuf-c bridge replaces this whole file (the structs become `ProtoMessage`s
/// and get `WireMessage` through the bridge). Only proto3 field 1 of each message is read; other fields are
/// skipped as protobuf requires.

extension HealthCheckRequest: WireMessage {
    public init(wireBytes: UnsafeRawBufferPointer) throws {
        self.init()
        var reader = HealthWireReader(wireBytes)
        while let (field, wireType) = try reader.nextKey() {
            if field == 1, wireType == 2 {
                service = String(decoding: try reader.lengthDelimited(), as: UTF8.self)
            } else {
                try reader.skip(wireType: wireType)
            }
        }
    }

    public func wireBytes() throws -> [UInt8] {
        guard !service.isEmpty else { return [] }
        let utf8 = Array(service.utf8)
        return [0x0A] + HealthWireReader.varint(UInt64(utf8.count)) + utf8
    }
}

extension HealthCheckResponse: WireMessage {
    public init(wireBytes: UnsafeRawBufferPointer) throws {
        self.init(status: .unknown)
        var reader = HealthWireReader(wireBytes)
        while let (field, wireType) = try reader.nextKey() {
            if field == 1, wireType == 0 {
                // Unknown enum numbers read as UNKNOWN (proto3 open enums; this client knows no others).
                status = ServingStatus(rawValue: Int(truncatingIfNeeded: try reader.varint())) ?? .unknown
            } else {
                try reader.skip(wireType: wireType)
            }
        }
    }

    public func wireBytes() throws -> [UInt8] {
        guard status != .unknown else { return [] }
        return [0x08] + HealthWireReader.varint(UInt64(status.rawValue))
    }
}

/// The smallest protobuf reader the two messages need.
struct HealthWireReader {
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    mutating func nextKey() throws(RPCTransportError) -> (field: UInt64, wireType: UInt64)? {
        guard offset < bytes.count else { return nil }
        let key = try varint()
        return (key >> 3, key & 7)
    }

    mutating func varint() throws(RPCTransportError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        throw Self.malformed("truncated varint")
    }

    mutating func lengthDelimited() throws(RPCTransportError) -> UnsafeRawBufferPointer {
        let length = try varint()
        guard length <= UInt64(bytes.count - offset) else { throw Self.malformed("length past the end") }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + Int(length)])
        offset += Int(length)
        return slice
    }

    mutating func skip(wireType: UInt64) throws(RPCTransportError) {
        switch wireType {
        case 0: _ = try varint()
        case 1: try advance(8)
        case 2: _ = try lengthDelimited()
        case 5: try advance(4)
        default: throw Self.malformed("unsupported wire type \(wireType)")
        }
    }

    private mutating func advance(_ count: Int) throws(RPCTransportError) {
        guard count <= bytes.count - offset else { throw Self.malformed("fixed field past the end") }
        offset += count
    }

    static func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var out: [UInt8] = []
        while value >= 0x80 {
            out.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
        return out
    }

    private static func malformed(_ problem: String) -> RPCTransportError {
        RPCTransportError(code: .decoding, message: "malformed grpc.health.v1 message: \(problem)")
    }
}
