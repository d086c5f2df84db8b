/// Decodes a Swift struct from one protobuf-c message struct. Values are copied out (Strings, Data) before the
/// caller frees the unpacked message.
struct MessageDecoder: Decoder {
    let layout: MessageLayout
    let base: UnsafeRawPointer

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(MessageDecodingContainer<Key>(layout: layout, base: base))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw ProtoCodecError.notKeyed(layout.name)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw ProtoCodecError.notKeyed(layout.name)
    }
}

/// The keyed container of one message: each key is a field, found through the cached layout. A proto field the
/// Swift type has no property for is never asked about, so it is skipped like an unknown field.
struct MessageDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let layout: MessageLayout
    let base: UnsafeRawPointer
    var codingPath: [any CodingKey] { [] }

    var allKeys: [Key] {
        layout.fields.filter(isPresent).compactMap { Key(stringValue: $0.swiftName) }
    }

    /// Present: a oneof member that is the set one, a sub-message that was on the wire, any other field (proto3
    /// scalars have no presence: absent is the default value).
    private func isPresent(_ field: FieldInfo) -> Bool {
        if field.isOneofMember {
            return (base + field.quantifierOffset).load(as: UInt32.self) == field.number
        }
        if field.kind == .message && !field.isRepeated {
            return (base + field.offset).load(as: UnsafeRawPointer?.self) != nil
        }
        return true
    }

    private func field(_ key: Key) throws(ProtoCodecError) -> FieldInfo {
        guard let field = layout.fieldsBySwiftName[key.stringValue] else {
            throw .unknownField(key.stringValue, in: layout.name)
        }
        return field
    }

    func contains(_ key: Key) -> Bool {
        guard let field = layout.fieldsBySwiftName[key.stringValue] else { return false }
        return isPresent(field)
    }

    func decodeNil(forKey key: Key) throws -> Bool { !contains(key) }

    /// Reads a singular field; an unset oneof member reads as its zero value from a zeroed scratch slot (its own
    /// slot shares memory with the member that is set).
    private func read<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let field = try field(key)
        if field.isRepeated {
            if !field.isMap, let arrayType = T.self as? any ProtoScalarArray.Type,
                let array = try arrayType.load(for: field, from: base) as? T
            {
                return array
            }
            return try T(from: RepeatedDecoder(field: field, base: base))
        }
        if field.isOneofMember && !isPresent(field) {
            return try withUnsafeTemporaryAllocation(byteCount: 16, alignment: 8) { scratch in
                scratch.initializeMemory(as: UInt8.self, repeating: 0)
                return try ValueReader.read(T.self, field: field, slot: UnsafeRawPointer(scratch.baseAddress) ?? base)
            }
        }
        return try ValueReader.read(T.self, field: field, slot: base + field.offset)
    }

    /// The concrete overloads: a static call to the scalar's load, no dynamic cast.
    private func readScalar<S: ProtoScalar>(_ type: S.Type, forKey key: Key) throws -> S {
        let field = try field(key)
        if field.isRepeated || (field.isOneofMember && !isPresent(field)) { return try read(type, forKey: key) }
        return try S.load(for: field, at: base + field.offset)
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try readScalar(type, forKey: key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try readScalar(type, forKey: key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try readScalar(type, forKey: key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try readScalar(type, forKey: key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try readScalar(type, forKey: key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try readScalar(type, forKey: key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try readScalar(type, forKey: key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try readScalar(type, forKey: key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try readScalar(type, forKey: key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try readScalar(type, forKey: key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try readScalar(type, forKey: key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try readScalar(type, forKey: key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try readScalar(type, forKey: key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try readScalar(type, forKey: key) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try read(type, forKey: key) }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        throw ProtoCodecError.nestedContainers(layout.name)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw ProtoCodecError.nestedContainers(layout.name)
    }
    func superDecoder() throws -> any Decoder { throw ProtoCodecError.nestedContainers(layout.name) }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw ProtoCodecError.nestedContainers(layout.name) }
}
