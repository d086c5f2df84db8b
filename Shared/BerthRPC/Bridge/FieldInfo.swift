import CBerthProto

/// The Swift-side family of a proto field type: which Swift type carries it and how wide its C slot is.
enum FieldKind: Sendable {
    case int32, int64, uint32, uint64, bool, float, double, string, bytes, enumeration, message

    init?(_ type: ProtobufCType) {
        switch type {
        case PROTOBUF_C_TYPE_INT32, PROTOBUF_C_TYPE_SINT32, PROTOBUF_C_TYPE_SFIXED32: self = .int32
        case PROTOBUF_C_TYPE_INT64, PROTOBUF_C_TYPE_SINT64, PROTOBUF_C_TYPE_SFIXED64: self = .int64
        case PROTOBUF_C_TYPE_UINT32, PROTOBUF_C_TYPE_FIXED32: self = .uint32
        case PROTOBUF_C_TYPE_UINT64, PROTOBUF_C_TYPE_FIXED64: self = .uint64
        case PROTOBUF_C_TYPE_BOOL: self = .bool
        case PROTOBUF_C_TYPE_FLOAT: self = .float
        case PROTOBUF_C_TYPE_DOUBLE: self = .double
        case PROTOBUF_C_TYPE_STRING: self = .string
        case PROTOBUF_C_TYPE_BYTES: self = .bytes
        case PROTOBUF_C_TYPE_ENUM: self = .enumeration
        case PROTOBUF_C_TYPE_MESSAGE: self = .message
        default: return nil
        }
    }

    /// Bytes one value occupies in a protobuf-c struct or repeated array (protobuf_c_boolean and enums are int).
    var slotSize: Int {
        switch self {
        case .int32, .uint32, .bool, .float, .enumeration: 4
        case .int64, .uint64, .double: 8
        case .string, .message: MemoryLayout<UnsafeRawPointer>.size
        case .bytes: MemoryLayout<ProtobufCBinaryData>.size
        }
    }

    var slotAlignment: Int {
        switch self {
        case .int32, .uint32, .bool, .float, .enumeration: 4
        case .int64, .uint64, .double: 8
        case .string, .message: MemoryLayout<UnsafeRawPointer>.alignment
        case .bytes: MemoryLayout<ProtobufCBinaryData>.alignment
        }
    }
}

/// One field of a message, read once from its protobuf-c field descriptor.
///
/// A class: the hot path passes it around and looks it up per key; a struct would retain and release its four
/// strings on every copy.
final class FieldInfo: Sendable {
    /// "berth.audit.v1.Event.time_unix_nanos", for error messages.
    let qualifiedName: String
    /// "timeUnixNanos": the Swift coding key.
    let swiftName: String
    let number: UInt32
    let kind: FieldKind
    /// "sint64", "string", "berth.audit.v1.Actor", ... for error messages.
    let protoTypeName: String
    let isRepeated: Bool
    let isOneofMember: Bool
    /// The byte offset of the value (or of the repeated array pointer) in the C struct.
    let offset: Int
    /// Repeated: the offset of `size_t n_xxx`; oneof member: the offset of the shared `uint32 xxx_case`.
    let quantifierOffset: Int
    /// Message and map fields: the full proto name of the (entry) message type.
    let messageName: String?
    /// Whether this repeated message field is a `map<K, V>` (its type is a generated XxxEntry with key=1, value=2).
    let isMap: Bool
    /// The (entry) message's layout, resolved when this field's layout was built; nil for scalars and for a
    /// message type that contains itself (that one is looked up by name when used).
    let resolvedLayout: MessageLayout?

    init(
        qualifiedName: String, swiftName: String, number: UInt32, kind: FieldKind, protoTypeName: String,
        isRepeated: Bool, isOneofMember: Bool, offset: Int, quantifierOffset: Int, messageName: String?, isMap: Bool,
        resolvedLayout: MessageLayout?
    ) {
        self.resolvedLayout = resolvedLayout
        self.qualifiedName = qualifiedName
        self.swiftName = swiftName
        self.number = number
        self.kind = kind
        self.protoTypeName = protoTypeName
        self.isRepeated = isRepeated
        self.isOneofMember = isOneofMember
        self.offset = offset
        self.quantifierOffset = quantifierOffset
        self.messageName = messageName
        self.isMap = isMap
    }

    /// The Swift type the mapping rules ask for, for error messages.
    var expectedSwiftType: String {
        let element: String
        switch kind {
        case .int32: element = "Int32"
        case .int64: element = "Int64"
        case .uint32: element = "UInt32"
        case .uint64: element = "UInt64"
        case .bool: element = "Bool"
        case .float: element = "Float"
        case .double: element = "Double"
        case .string: element = "String"
        case .bytes: element = "Data"
        case .enumeration: element = "a ProtoEnum for \(protoTypeName)"
        case .message: element = isMap ? "a Dictionary" : "a ProtoMessage for \(protoTypeName)"
        }
        return isRepeated && !isMap ? "[\(element)]" : element
    }
}

extension FieldInfo {
    /// The layout of this message or map field's type.
    func messageLayout() throws(ProtoCodecError) -> MessageLayout {
        if let resolvedLayout { return resolvedLayout }
        guard let messageName else { throw .typeMismatch(self, swiftType: "a message") }
        return try MessageLayout.named(messageName)
    }

    /// "time_unix_nanos" -> "timeUnixNanos", the rule protoc uses for json_name.
    static func lowerCamelCase(_ protoName: String) -> String {
        var result = ""
        result.reserveCapacity(protoName.count)
        var upperNext = false
        for character in protoName {
            if character == "_" {
                upperNext = true
            } else if upperNext {
                result += character.uppercased()
                upperNext = false
            } else {
                result.append(character)
            }
        }
        return result
    }
}
