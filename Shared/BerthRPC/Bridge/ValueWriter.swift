import CBerthProto

/// Writes one Swift value into one protobuf-c slot: a singular field of a struct, or one element of a repeated
/// field. The encoders' containers all end here.
enum ValueWriter {
    static func write<T: Encodable>(
        _ value: T, field: FieldInfo, slot: UnsafeMutableRawPointer, arena: Arena
    ) throws {
        // Messages first: the most common non-scalar, and no dynamic cast needed to recognise one.
        if field.kind == .message {
            try writeMessage(value, field: field, slot: slot, arena: arena)
            return
        }
        if field.kind == .enumeration, let enumValue = value as? any ProtoEnum {
            slot.storeBytes(of: enumValue.rawValue, as: Int32.self)
            return
        }
        if let scalar = value as? any ProtoScalar {
            try scalar.store(for: field, at: slot, arena: arena)
            return
        }
        // A wrapper that encodes itself as a single value (or a shape we refuse): through a slot encoder.
        let encoder = SlotEncoder(field: field, slot: slot, arena: arena)
        try value.encode(to: encoder)
        if let failure = encoder.failure { throw failure }
    }

    /// A sub-message: a new struct in the arena, its pointer stored in the slot.
    private static func writeMessage<T: Encodable>(
        _ value: T, field: FieldInfo, slot: UnsafeMutableRawPointer, arena: Arena
    ) throws {
        guard let messageName = field.messageName, !field.isMap else {
            throw ProtoCodecError.typeMismatch(field, swiftType: "\(T.self)")
        }
        if let declared = (T.self as? any ProtoMessage.Type)?.protoMessageName, declared != messageName {
            throw ProtoCodecError.typeMismatch(field, swiftType: "\(T.self) (\(declared))")
        }
        let layout = try field.messageLayout()
        let base = arena.newMessage(layout)
        try encodeMessage(value, layout: layout, into: base, arena: arena)
        slot.storeBytes(of: base, as: UnsafeMutableRawPointer.self)
    }

    /// Encodes `value`'s properties into the struct at `base` (already initialized with message_init).
    static func encodeMessage<T: Encodable>(
        _ value: T, layout: MessageLayout, into base: UnsafeMutableRawPointer, arena: Arena
    ) throws {
        let encoder = MessageEncoder(layout: layout, base: base, arena: arena)
        try value.encode(to: encoder)
        if let failure = encoder.failure { throw failure }
    }
}

extension Arena {
    /// A protobuf-c struct for `layout`, with its defaults set by the generated message_init.
    func newMessage(_ layout: MessageLayout) -> UnsafeMutableRawPointer {
        let base = allocate(byteCount: layout.size, alignment: 8)
        protobuf_c_message_init(layout.descriptor, base)
        return base
    }
}
