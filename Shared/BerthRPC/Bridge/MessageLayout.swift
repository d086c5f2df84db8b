import CBerthProto
import Synchronization

/// The field table of one message type, computed once from its protobuf-c descriptor and cached by name.
///
/// `@unchecked Sendable`: every property is immutable after init, and `descriptor` points into the static const
/// descriptors protoc-c generated (they live as long as the process and are never written).
final class MessageLayout: @unchecked Sendable {
    let name: String
    let descriptor: UnsafePointer<ProtobufCMessageDescriptor>
    let fields: [FieldInfo]
    let fieldsBySwiftName: [String: FieldInfo]
    /// sizeof the generated C struct.
    let size: Int

    /// `building`: the messages whose layouts are being built further up this call chain (a message that
    /// contains itself gets no resolved sub-layout, which ends the recursion).
    private init(descriptor: UnsafePointer<ProtobufCMessageDescriptor>, building: inout Set<String>) {
        let d = descriptor.pointee
        let name = String(cString: d.name)
        var fields: [FieldInfo] = []
        for i in 0..<Int(d.n_fields) {
            let f = d.fields[i]
            guard let kind = FieldKind(f.type) else { continue }  // group types: not in proto3
            let protoName = String(cString: f.name)
            let isRepeated = f.label == PROTOBUF_C_LABEL_REPEATED
            var messageName: String?
            var resolvedLayout: MessageLayout?
            var typeName: String
            switch kind {
            case .message:
                let sub = f.descriptor.assumingMemoryBound(to: ProtobufCMessageDescriptor.self)
                let subName = String(cString: sub.pointee.name)
                messageName = subName
                typeName = subName
                if !building.contains(subName) {
                    resolvedLayout = Self.layout(named: subName, descriptor: sub, building: &building)
                }
            case .enumeration:
                let sub = f.descriptor.assumingMemoryBound(to: ProtobufCEnumDescriptor.self)
                typeName = String(cString: sub.pointee.name)
            default:
                typeName = Self.scalarTypeName(f.type)
            }
            let isMap = isRepeated && kind == .message && Self.isMapEntry(f, ownerName: name, fieldName: protoName)
            fields.append(
                FieldInfo(
                    qualifiedName: "\(name).\(protoName)", swiftName: FieldInfo.lowerCamelCase(protoName),
                    number: f.id, kind: kind, protoTypeName: isMap ? "map" : typeName, isRepeated: isRepeated,
                    isOneofMember: f.flags & PROTOBUF_C_FIELD_FLAG_ONEOF.rawValue != 0,
                    offset: Int(f.offset), quantifierOffset: Int(f.quantifier_offset), messageName: messageName,
                    isMap: isMap, resolvedLayout: resolvedLayout))
        }
        self.name = name
        self.descriptor = descriptor
        self.fields = fields
        self.fieldsBySwiftName = Dictionary(fields.map { ($0.swiftName, $0) }, uniquingKeysWith: { first, _ in first })
        self.size = d.sizeof_message
    }

    /// The field with this proto number, for error messages about oneofs.
    func field(number: UInt32) -> FieldInfo? { fields.first { $0.number == number } }

    /// protobuf-c keeps no map_entry option: a map field is a repeated message whose type is the nested
    /// "<Owner>.<CamelField>Entry" with exactly key = 1 and value = 2, which is what protoc generates for `map<K, V>`.
    private static func isMapEntry(_ f: ProtobufCFieldDescriptor, ownerName: String, fieldName: String) -> Bool {
        let entry = f.descriptor.assumingMemoryBound(to: ProtobufCMessageDescriptor.self).pointee
        let camel = FieldInfo.lowerCamelCase(fieldName)
        let expected = "\(ownerName).\(camel.prefix(1).uppercased())\(camel.dropFirst())Entry"
        guard String(cString: entry.name) == expected, entry.n_fields == 2 else { return false }
        return entry.fields[0].id == 1 && entry.fields[1].id == 2
    }

    private static func scalarTypeName(_ type: ProtobufCType) -> String {
        switch type {
        case PROTOBUF_C_TYPE_INT32: "int32"
        case PROTOBUF_C_TYPE_SINT32: "sint32"
        case PROTOBUF_C_TYPE_SFIXED32: "sfixed32"
        case PROTOBUF_C_TYPE_INT64: "int64"
        case PROTOBUF_C_TYPE_SINT64: "sint64"
        case PROTOBUF_C_TYPE_SFIXED64: "sfixed64"
        case PROTOBUF_C_TYPE_UINT32: "uint32"
        case PROTOBUF_C_TYPE_FIXED32: "fixed32"
        case PROTOBUF_C_TYPE_UINT64: "uint64"
        case PROTOBUF_C_TYPE_FIXED64: "fixed64"
        case PROTOBUF_C_TYPE_BOOL: "bool"
        case PROTOBUF_C_TYPE_FLOAT: "float"
        case PROTOBUF_C_TYPE_DOUBLE: "double"
        case PROTOBUF_C_TYPE_STRING: "string"
        case PROTOBUF_C_TYPE_BYTES: "bytes"
        default: "type \(type.rawValue)"
        }
    }
}

extension MessageLayout {
    /// Layouts by full proto name. Built outside the lock (it only reads static descriptors), so two callers
    /// racing on a first use both build one and the first stored wins: harmless, and no lock is held while working.
    private static let cache = Mutex<[String: MessageLayout]>([:])

    /// The layout of the message with this full proto name, e.g. "berth.audit.v1.Event".
    static func named(_ name: String) throws(ProtoCodecError) -> MessageLayout {
        if let cached = cache.withLock({ $0[name] }) { return cached }
        guard let descriptor = berth_proto_message_descriptor_named(name) else {
            throw ProtoCodecError(
                code: .unknownMessage,
                message: "proto message \"\(name)\" is not compiled into CBerthProto: check protoMessageName, "
                    + "or add the .proto under proto/ and run scripts/generate-proto")
        }
        var building: Set<String> = []
        return layout(named: name, descriptor: descriptor, building: &building)
    }

    /// The cached layout, or a new one (with its sub-message layouts) stored in the cache.
    private static func layout(
        named name: String, descriptor: UnsafePointer<ProtobufCMessageDescriptor>, building: inout Set<String>
    ) -> MessageLayout {
        if let cached = cache.withLock({ $0[name] }) { return cached }
        building.insert(name)
        let built = MessageLayout(descriptor: descriptor, building: &building)
        building.remove(name)
        return cache.withLock { layouts in
            if let raced = layouts[name] { return raced }
            layouts[name] = built
            return built
        }
    }
}
