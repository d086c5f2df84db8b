/// Encodes a Swift struct's properties into one protobuf-c message struct.
///
/// `Encoder`'s container factories cannot throw, so a shape the bridge refuses is recorded in `failure` (and every
/// call on the returned container throws); whoever ran `encode(to:)` checks `failure` afterwards.
final class MessageEncoder: Encoder {
    let layout: MessageLayout
    let base: UnsafeMutableRawPointer
    let arena: Arena
    var failure: ProtoCodecError?

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(layout: MessageLayout, base: UnsafeMutableRawPointer, arena: Arena) {
        self.layout = layout
        self.base = base
        self.arena = arena
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(MessageEncodingContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        fail(.notKeyed(layout.name))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        fail(.notKeyed(layout.name))
    }

    func fail(_ error: ProtoCodecError) -> RefusedEncodingContainer {
        if failure == nil { failure = error }
        return RefusedEncodingContainer(error: error)
    }
}

extension ProtoCodecError {
    static func notKeyed(_ messageName: String) -> ProtoCodecError {
        ProtoCodecError(
            code: .unsupportedShape,
            message: "\(messageName) must be coded as a keyed container (a struct with one property per field), "
                + "not as a single value or an array: drop the custom Codable code or use container(keyedBy:)")
    }

    static func nestedContainers(_ messageName: String) -> ProtoCodecError {
        ProtoCodecError(
            code: .unsupportedShape,
            message: "nested and super containers are not supported in \(messageName): give the sub-message its "
                + "own ProtoMessage type and encode it as a property")
    }
}

/// The keyed container of one message: each key is a field, found through the cached layout.
struct MessageEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: MessageEncoder
    var codingPath: [any CodingKey] { [] }

    private func field(_ key: Key) throws(ProtoCodecError) -> FieldInfo {
        guard let field = encoder.layout.fieldsBySwiftName[key.stringValue] else {
            throw .unknownField(key.stringValue, in: encoder.layout.name)
        }
        return field
    }

    /// The slot of a singular field; for a oneof member, also claims the oneof (a second member is an error).
    private func singularSlot(_ field: FieldInfo) throws(ProtoCodecError) -> UnsafeMutableRawPointer {
        if field.isOneofMember {
            let caseSlot = encoder.base + field.quantifierOffset
            let current = caseSlot.load(as: UInt32.self)
            if current != 0 && current != field.number {
                let other = encoder.layout.field(number: current)?.swiftName ?? "field \(current)"
                throw ProtoCodecError(
                    code: .oneofConflict,
                    message: "\(other) and \(field.swiftName) of \(encoder.layout.name) belong to one oneof, and "
                        + "both are set: set at most one of them (the others nil)")
            }
            caseSlot.storeBytes(of: field.number, as: UInt32.self)
        }
        return encoder.base + field.offset
    }

    private func encodeScalar(_ value: some ProtoScalar, forKey key: Key) throws {
        let field = try field(key)
        guard !field.isRepeated else { throw ProtoCodecError.typeMismatch(field, swiftType: "\(type(of: value))") }
        try value.store(for: field, at: try singularSlot(field), arena: encoder.arena)
    }

    /// nil means absent: nothing to write.
    mutating func encodeNil(forKey key: Key) throws {}

    mutating func encode(_ value: Bool, forKey key: Key) throws { try encodeScalar(value, forKey: key) }
    mutating func encode(_ value: String, forKey key: Key) throws { try encodeScalar(value, forKey: key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try encodeScalar(value, forKey: key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try encodeScalar(value, forKey: key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try encodeScalar(value, forKey: key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try encodeScalar(value, forKey: key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try encodeScalar(value, forKey: key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try encodeScalar(value, forKey: key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try encodeScalar(value, forKey: key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try encodeScalar(value, forKey: key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try encodeScalar(value, forKey: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try encodeScalar(value, forKey: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try encodeScalar(value, forKey: key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try encodeScalar(value, forKey: key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let field = try field(key)
        if field.isRepeated, !field.isMap, let array = value as? any ProtoScalarArray {
            try array.store(for: field, into: encoder.base, arena: encoder.arena)
        } else if field.isRepeated {
            let repeated = try RepeatedEncoder(field: field, arena: encoder.arena)
            try repeated.encode(value, into: encoder.base)
        } else {
            try ValueWriter.write(value, field: field, slot: try singularSlot(field), arena: encoder.arena)
        }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(encoder.fail(.nestedContainers(encoder.layout.name)).keyed(NestedKey.self))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.fail(.nestedContainers(encoder.layout.name))
    }

    mutating func superEncoder() -> any Encoder {
        _ = encoder.fail(.nestedContainers(encoder.layout.name))
        return encoder
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        _ = encoder.fail(.nestedContainers(encoder.layout.name))
        return encoder
    }
}
