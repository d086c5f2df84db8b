/// Encodes a Swift array (repeated field) or dictionary (map field) into the field's C array.
///
/// The element count is unknown until the value has encoded itself, so the array grows by doubling inside the
/// arena (the abandoned smaller copies are freed with the arena). A map is a repeated entry message: Swift encodes
/// a `[String: V]` / `[Int: V]` through a keyed container, any other key type as an unkeyed key, value, key, ...
/// sequence; both land here.
final class RepeatedEncoder: Encoder {
    let field: FieldInfo
    let arena: Arena
    var failure: ProtoCodecError?
    private(set) var count = 0
    private var elements: UnsafeMutableRawPointer?
    private var capacity = 0
    /// Map fields: the entry type, its key and value fields, and an entry whose key came but not yet its value.
    private let entry: (layout: MessageLayout, key: FieldInfo, value: FieldInfo)?
    private var pendingEntry: UnsafeMutableRawPointer?

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(field: FieldInfo, arena: Arena) throws(ProtoCodecError) {
        self.field = field
        self.arena = arena
        if field.isMap {
            let layout = try field.messageLayout()
            guard let key = layout.field(number: 1), let value = layout.field(number: 2) else {
                throw ProtoCodecError.typeMismatch(field, swiftType: "a map entry without key and value")
            }
            entry = (layout, key, value)
        } else {
            entry = nil
        }
    }

    /// Lets `value` encode its elements, then stores the count and the array pointer into the struct at `base`.
    func encode<T: Encodable>(_ value: T, into base: UnsafeMutableRawPointer) throws {
        try value.encode(to: self)
        if let failure { throw failure }
        if pendingEntry != nil {
            throw ProtoCodecError(
                code: .unsupportedShape,
                message: "map field \(field.qualifiedName) got a key without a value: encode keys and values in pairs")
        }
        (base + field.quantifierOffset).storeBytes(of: count, as: Int.self)
        (base + field.offset).storeBytes(of: elements, as: UnsafeMutableRawPointer?.self)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        guard let entry else {
            return KeyedEncodingContainer(fail(.typeMismatch(field, swiftType: "a keyed value")).keyed(Key.self))
        }
        return KeyedEncodingContainer(MapEncodingContainer<Key>(encoder: self, keyField: entry.key, valueField: entry.value))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        RepeatedEncodingContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        fail(.typeMismatch(field, swiftType: "a single value"))
    }

    private func fail(_ error: ProtoCodecError) -> RefusedEncodingContainer {
        if failure == nil { failure = error }
        return RefusedEncodingContainer(error: error)
    }

    /// The slot for the next value of an unkeyed sequence: an element, or a map entry's key then its value.
    func nextSlot() -> (field: FieldInfo, slot: UnsafeMutableRawPointer) {
        guard let entry else { return (field, appendElement()) }
        if let pending = pendingEntry {
            pendingEntry = nil
            return (entry.value, pending + entry.value.offset)
        }
        let newEntry = appendEntry()
        pendingEntry = newEntry
        return (entry.key, newEntry + entry.key.offset)
    }

    /// A new map entry struct, already appended to the array.
    func appendEntry() -> UnsafeMutableRawPointer {
        guard let entry else { preconditionFailure("appendEntry on the non-map field \(field.qualifiedName)") }
        let base = arena.newMessage(entry.layout)
        appendElement().storeBytes(of: base, as: UnsafeMutableRawPointer.self)
        return base
    }

    private func appendElement() -> UnsafeMutableRawPointer {
        let size = field.kind.slotSize
        var storage: UnsafeMutableRawPointer
        if let elements, count < capacity {
            storage = elements
        } else {
            let newCapacity = max(4, capacity * 2)
            storage = arena.allocate(byteCount: newCapacity * size, alignment: field.kind.slotAlignment)
            if let elements, count > 0 { storage.copyMemory(from: elements, byteCount: count * size) }
            elements = storage
            capacity = newCapacity
        }
        defer { count += 1 }
        return storage + count * size
    }
}

/// The elements of a repeated field, or the alternating keys and values of a map with non-String/Int keys.
struct RepeatedEncodingContainer: UnkeyedEncodingContainer {
    let encoder: RepeatedEncoder
    var codingPath: [any CodingKey] { [] }
    var count: Int { encoder.count }

    private func encodeScalar(_ value: some ProtoScalar) throws {
        let (field, slot) = encoder.nextSlot()
        try value.store(for: field, at: slot, arena: encoder.arena)
    }

    mutating func encodeNil() throws {
        throw ProtoCodecError(
            code: .unsupportedShape,
            message: "repeated field \(encoder.field.qualifiedName) got nil: protobuf arrays cannot hold nil, "
                + "drop the element or use a non-optional element type")
    }

    mutating func encode(_ value: Bool) throws { try encodeScalar(value) }
    mutating func encode(_ value: String) throws { try encodeScalar(value) }
    mutating func encode(_ value: Double) throws { try encodeScalar(value) }
    mutating func encode(_ value: Float) throws { try encodeScalar(value) }
    mutating func encode(_ value: Int) throws { try encodeScalar(value) }
    mutating func encode(_ value: Int8) throws { try encodeScalar(value) }
    mutating func encode(_ value: Int16) throws { try encodeScalar(value) }
    mutating func encode(_ value: Int32) throws { try encodeScalar(value) }
    mutating func encode(_ value: Int64) throws { try encodeScalar(value) }
    mutating func encode(_ value: UInt) throws { try encodeScalar(value) }
    mutating func encode(_ value: UInt8) throws { try encodeScalar(value) }
    mutating func encode(_ value: UInt16) throws { try encodeScalar(value) }
    mutating func encode(_ value: UInt32) throws { try encodeScalar(value) }
    mutating func encode(_ value: UInt64) throws { try encodeScalar(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let (field, slot) = encoder.nextSlot()
        try ValueWriter.write(value, field: field, slot: slot, arena: encoder.arena)
    }

    private var refused: RefusedEncodingContainer {
        RefusedEncodingContainer(error: .nestedContainers(encoder.field.qualifiedName))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(refused.keyed(NestedKey.self))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { refused }
    mutating func superEncoder() -> any Encoder { RefusedEncoder(error: refused.error) }
}

/// A map whose Swift keys arrive as coding keys (`[String: V]`, `[Int: V]`, CodingKeyRepresentable keys).
struct MapEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: RepeatedEncoder
    let keyField: FieldInfo
    let valueField: FieldInfo
    var codingPath: [any CodingKey] { [] }

    /// A new entry with its key written; returns the value's slot.
    private func entryValueSlot(_ key: Key) throws -> UnsafeMutableRawPointer {
        let entry = encoder.appendEntry()
        let keySlot = entry + keyField.offset
        let arena = encoder.arena
        switch keyField.kind {
        case .string:
            try key.stringValue.store(for: keyField, at: keySlot, arena: arena)
        case .int32, .int64, .uint32, .uint64:
            guard let number = key.intValue ?? Int(key.stringValue) else { throw badKey(key) }
            switch keyField.kind {
            case .int32:
                guard let v = Int32(exactly: number) else { throw badKey(key) }
                try v.store(for: keyField, at: keySlot, arena: arena)
            case .int64:
                try Int64(number).store(for: keyField, at: keySlot, arena: arena)
            case .uint32:
                guard let v = UInt32(exactly: number) else { throw badKey(key) }
                try v.store(for: keyField, at: keySlot, arena: arena)
            default:
                guard let v = UInt64(exactly: number) else { throw badKey(key) }
                try v.store(for: keyField, at: keySlot, arena: arena)
            }
        case .bool:
            guard let flag = Bool(key.stringValue) else { throw badKey(key) }
            try flag.store(for: keyField, at: keySlot, arena: arena)
        default:
            throw badKey(key)
        }
        return entry + valueField.offset
    }

    private func badKey(_ key: Key) -> ProtoCodecError {
        ProtoCodecError(
            code: .typeMismatch,
            message: "map key \"\(key.stringValue)\" does not fit the \(keyField.protoTypeName) keys of "
                + "\(encoder.field.qualifiedName): use a Swift key type that matches the proto key type")
    }

    private func encodeScalar(_ value: some ProtoScalar, forKey key: Key) throws {
        try value.store(for: valueField, at: try entryValueSlot(key), arena: encoder.arena)
    }

    mutating func encodeNil(forKey key: Key) throws {
        throw ProtoCodecError(
            code: .unsupportedShape,
            message: "map field \(encoder.field.qualifiedName) got nil for key \"\(key.stringValue)\": protobuf "
                + "maps cannot hold nil, drop the entry")
    }

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
        try ValueWriter.write(value, field: valueField, slot: try entryValueSlot(key), arena: encoder.arena)
    }

    private var refused: RefusedEncodingContainer {
        RefusedEncodingContainer(error: .nestedContainers(encoder.field.qualifiedName))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(refused.keyed(NestedKey.self))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { refused }
    mutating func superEncoder() -> any Encoder { RefusedEncoder(error: refused.error) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { RefusedEncoder(error: refused.error) }
}
