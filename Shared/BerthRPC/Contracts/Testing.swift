import Foundation

/// Swift mirrors of proto/berth/testing/v1/golden.proto: every field shape the bridge supports. Tests and
/// benchmarks only.
public enum TestingV1 {
    public enum Color: Int32, ProtoEnum {
        case unspecified = 0
        case red = 1
        case green = 2
        case blue = 3
    }

    public struct Inner: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.testing.v1.Inner" }
        public var name: String
        public var value: Int32

        public init(name: String = "", value: Int32 = 0) {
            self.name = name
            self.value = value
        }
    }

    public struct Scalars: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.testing.v1.Scalars" }
        public var i32: Int32
        public var i64: Int64
        public var u32: UInt32
        public var u64: UInt64
        public var s32: Int32
        public var s64: Int64
        public var f32: UInt32
        public var f64: UInt64
        public var sf32: Int32
        public var sf64: Int64
        public var flag: Bool
        public var ratio: Float
        public var precise: Double
        public var text: String
        public var blob: Data
        public var color: Color

        public init(
            i32: Int32 = 0, i64: Int64 = 0, u32: UInt32 = 0, u64: UInt64 = 0, s32: Int32 = 0, s64: Int64 = 0,
            f32: UInt32 = 0, f64: UInt64 = 0, sf32: Int32 = 0, sf64: Int64 = 0, flag: Bool = false, ratio: Float = 0,
            precise: Double = 0, text: String = "", blob: Data = Data(), color: Color = .unspecified
        ) {
            self.i32 = i32
            self.i64 = i64
            self.u32 = u32
            self.u64 = u64
            self.s32 = s32
            self.s64 = s64
            self.f32 = f32
            self.f64 = f64
            self.sf32 = sf32
            self.sf64 = sf64
            self.flag = flag
            self.ratio = ratio
            self.precise = precise
            self.text = text
            self.blob = blob
            self.color = color
        }
    }

    public struct Composite: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.testing.v1.Composite" }
        public var inner: Inner?
        public var numbers: [Int32]
        public var names: [String]
        public var items: [Inner]
        public var colors: [Color]
        public var labels: [String: String]
        public var byName: [String: Inner]
        // oneof choice: at most one is non-nil.
        public var choiceText: String?
        public var choiceNumber: Int64?
        public var choiceInner: Inner?
        /// oneof maybe_limit: presence for a scalar (nil = absent, 0 = present and zero).
        public var limit: UInt32?
        public var blobs: [Data]
        public var byCode: [Int32: String]

        public init(
            inner: Inner? = nil, numbers: [Int32] = [], names: [String] = [], items: [Inner] = [],
            colors: [Color] = [], labels: [String: String] = [:], byName: [String: Inner] = [:],
            choiceText: String? = nil, choiceNumber: Int64? = nil, choiceInner: Inner? = nil, limit: UInt32? = nil,
            blobs: [Data] = [], byCode: [Int32: String] = [:]
        ) {
            self.inner = inner
            self.numbers = numbers
            self.names = names
            self.items = items
            self.colors = colors
            self.labels = labels
            self.byName = byName
            self.choiceText = choiceText
            self.choiceNumber = choiceNumber
            self.choiceInner = choiceInner
            self.limit = limit
            self.blobs = blobs
            self.byCode = byCode
        }
    }
}
