import CBerthProto

/// Reads one Swift value out of one protobuf-c slot (a singular field, or one element of a repeated field) of a
/// struct `protobuf_c_message_unpack` built. The decoders' containers all end here.
enum ValueReader {
    static func read<T: Decodable>(_ type: T.Type, field: FieldInfo, slot: UnsafeRawPointer) throws -> T {
        if field.kind == .message {
            return try readMessage(T.self, field: field, slot: slot)
        }
        if field.kind == .enumeration, let enumType = T.self as? any ProtoEnum.Type {
            let number = slot.load(as: Int32.self)
            guard let value = enumType.init(rawValue: number) else {
                throw ProtoCodecError(
                    code: .unknownEnumValue,
                    message: "field \(field.qualifiedName) holds \(number), which is no case of \(T.self) "
                        + "(\(field.protoTypeName)): the peer speaks a newer contract; add the case")
            }
            return try cast(value, field)
        }
        if let scalarType = T.self as? any ProtoScalar.Type {
            return try cast(try scalarType.load(for: field, at: slot), field)
        }
        return try T(from: SlotDecoder(field: field, slot: slot))
    }

    private static func readMessage<T: Decodable>(
        _ type: T.Type, field: FieldInfo, slot: UnsafeRawPointer
    ) throws -> T {
        guard let messageName = field.messageName, !field.isMap else {
            throw ProtoCodecError.typeMismatch(field, swiftType: "\(T.self)")
        }
        if let declared = (T.self as? any ProtoMessage.Type)?.protoMessageName, declared != messageName {
            throw ProtoCodecError.typeMismatch(field, swiftType: "\(T.self) (\(declared))")
        }
        let layout = try field.messageLayout()
        if let base = slot.load(as: UnsafeRawPointer?.self) {
            return try T(from: MessageDecoder(layout: layout, base: base))
        }
        return try decodeDefault(T.self, layout: layout)
    }

    /// An absent sub-message decodes as the empty message (every field at its default), for non-optional
    /// Swift properties; optional ones never get here (they decode nil).
    static func decodeDefault<T: Decodable>(_ type: T.Type, layout: MessageLayout) throws -> T {
        let empty = UnsafeMutableRawPointer.allocate(byteCount: layout.size, alignment: 8)
        defer { empty.deallocate() }
        protobuf_c_message_init(layout.descriptor, empty)
        return try T(from: MessageDecoder(layout: layout, base: UnsafeRawPointer(empty)))
    }

    private static func cast<T>(_ value: Any, _ field: FieldInfo) throws(ProtoCodecError) -> T {
        guard let typed = value as? T else { throw .typeMismatch(field, swiftType: "\(T.self)") }
        return typed
    }
}
