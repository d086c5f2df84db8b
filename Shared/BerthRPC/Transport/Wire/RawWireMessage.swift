/// A message the transport carries without decoding it: the gateway's RPC relay forwards the CLI's protobuf bytes
/// to a service and the service's answer back, so the relay needs no per-method code and never re-encodes (the
/// service, which knows the message, validates it).
public struct RawWireMessage: WireMessage, Equatable {
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    public init(wireBytes: UnsafeRawBufferPointer) throws { bytes = Array(wireBytes) }

    public func wireBytes() throws -> [UInt8] { bytes }
}
