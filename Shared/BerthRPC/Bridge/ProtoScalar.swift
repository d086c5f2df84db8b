import CBerthProto
import Foundation

/// A Swift scalar the bridge stores into, and loads from, one protobuf-c slot (a struct field or an array element).
///
/// Every primitive Codable asks containers about conforms, so that the containers' many overloads are one line
/// each; the ones the mapping rules do not use (Int, Int8, UInt16, ...) refuse with a message saying which type to
/// use instead.
protocol ProtoScalar: Codable {
    func store(for field: FieldInfo, at slot: UnsafeMutableRawPointer, arena: Arena) throws(ProtoCodecError)
    static func load(for field: FieldInfo, at slot: UnsafeRawPointer) throws(ProtoCodecError) -> Self
}

/// Plain fixed-width values: the C slot holds exactly this Swift type's bytes.
private protocol FixedWidthProtoScalar: ProtoScalar {
    static var kinds: [FieldKind] { get }
}

extension FixedWidthProtoScalar {
    func store(for field: FieldInfo, at slot: UnsafeMutableRawPointer, arena: Arena) throws(ProtoCodecError) {
        guard Self.kinds.contains(field.kind) else { throw .typeMismatch(field, swiftType: "\(Self.self)") }
        slot.storeBytes(of: self, as: Self.self)
    }

    static func load(for field: FieldInfo, at slot: UnsafeRawPointer) throws(ProtoCodecError) -> Self {
        guard kinds.contains(field.kind) else { throw .typeMismatch(field, swiftType: "\(Self.self)") }
        return slot.load(as: Self.self)
    }
}

// Int32 also carries enums: a ProtoEnum's synthesized Codable goes through its raw value.
extension Int32: FixedWidthProtoScalar { fileprivate static var kinds: [FieldKind] { [.int32, .enumeration] } }
extension Int64: FixedWidthProtoScalar { fileprivate static var kinds: [FieldKind] { [.int64] } }
extension UInt32: FixedWidthProtoScalar { fileprivate static var kinds: [FieldKind] { [.uint32] } }
extension UInt64: FixedWidthProtoScalar { fileprivate static var kinds: [FieldKind] { [.uint64] } }
extension Float: FixedWidthProtoScalar { fileprivate static var kinds: [FieldKind] { [.float] } }
extension Double: FixedWidthProtoScalar { fileprivate static var kinds: [FieldKind] { [.double] } }

extension Bool: ProtoScalar {
    /// protobuf_c_boolean is a C int.
    func store(for field: FieldInfo, at slot: UnsafeMutableRawPointer, arena: Arena) throws(ProtoCodecError) {
        guard field.kind == .bool else { throw .typeMismatch(field, swiftType: "Bool") }
        slot.storeBytes(of: self ? 1 : 0, as: Int32.self)
    }

    static func load(for field: FieldInfo, at slot: UnsafeRawPointer) throws(ProtoCodecError) -> Bool {
        guard field.kind == .bool else { throw .typeMismatch(field, swiftType: "Bool") }
        return slot.load(as: Int32.self) != 0
    }
}

extension String: ProtoScalar {
    func store(for field: FieldInfo, at slot: UnsafeMutableRawPointer, arena: Arena) throws(ProtoCodecError) {
        guard field.kind == .string else { throw .typeMismatch(field, swiftType: "String") }
        slot.storeBytes(of: try arena.cString(self, field: field), as: UnsafeMutablePointer<CChar>.self)
    }

    /// protobuf-c 1.4.1 does not check UTF-8 when it unpacks, so the check happens here.
    static func load(for field: FieldInfo, at slot: UnsafeRawPointer) throws(ProtoCodecError) -> String {
        guard field.kind == .string else { throw .typeMismatch(field, swiftType: "String") }
        guard let cString = slot.load(as: UnsafePointer<CChar>?.self) else { return "" }
        guard let string = String(validatingCString: cString) else {
            throw ProtoCodecError(
                code: .invalidString,
                message: "field \(field.qualifiedName) holds bytes that are not valid UTF-8: the peer must send "
                    + "UTF-8 in string fields (use a bytes field for binary data)")
        }
        return string
    }
}

extension Data: ProtoScalar {
    func store(for field: FieldInfo, at slot: UnsafeMutableRawPointer, arena: Arena) throws(ProtoCodecError) {
        guard field.kind == .bytes else { throw .typeMismatch(field, swiftType: "Data") }
        var binary = ProtobufCBinaryData(len: count, data: nil)
        if !isEmpty {
            let memory = arena.allocate(byteCount: count, alignment: 1)
            copyBytes(to: memory.bindMemory(to: UInt8.self, capacity: count), count: count)
            binary.data = memory.assumingMemoryBound(to: UInt8.self)
        }
        slot.storeBytes(of: binary, as: ProtobufCBinaryData.self)
    }

    static func load(for field: FieldInfo, at slot: UnsafeRawPointer) throws(ProtoCodecError) -> Data {
        guard field.kind == .bytes else { throw .typeMismatch(field, swiftType: "Data") }
        let binary = slot.load(as: ProtobufCBinaryData.self)
        guard binary.len > 0, let data = binary.data else { return Data() }
        return Data(bytes: data, count: binary.len)
    }
}

/// Integer types the mapping does not use: refused with the type to use instead.
private protocol UnmappedProtoScalar: ProtoScalar {}

extension UnmappedProtoScalar {
    func store(for field: FieldInfo, at slot: UnsafeMutableRawPointer, arena: Arena) throws(ProtoCodecError) {
        throw .typeMismatch(field, swiftType: "\(Self.self)")
    }

    static func load(for field: FieldInfo, at slot: UnsafeRawPointer) throws(ProtoCodecError) -> Self {
        throw .typeMismatch(field, swiftType: "\(Self.self)")
    }
}

extension Int: UnmappedProtoScalar {}
extension Int8: UnmappedProtoScalar {}
extension Int16: UnmappedProtoScalar {}
extension UInt: UnmappedProtoScalar {}
extension UInt8: UnmappedProtoScalar {}
extension UInt16: UnmappedProtoScalar {}
