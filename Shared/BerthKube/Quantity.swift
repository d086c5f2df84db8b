import Foundation

/// A Kubernetes resource quantity ("500m", "2", "1.5Gi", "1e3"), as an exact decimal number of base units
/// (cores, bytes). The API server rewrites quantities into a canonical form ("0.5" comes back as "500m"), so
/// Berth compares and sums values, never strings.
public struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let value: Decimal
    /// The text it was parsed from (for messages).
    public let text: String

    static let binarySuffixes: [(String, Decimal)] = [
        ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776),
        ("Pi", 1_125_899_906_842_624), ("Ei", 1_152_921_504_606_846_976),
    ]
    static let decimalSuffixes: [(String, Decimal)] = [
        ("n", Decimal(sign: .plus, exponent: -9, significand: 1)), ("u", Decimal(sign: .plus, exponent: -6, significand: 1)),
        ("m", Decimal(sign: .plus, exponent: -3, significand: 1)), ("k", 1000), ("M", 1_000_000),
        ("G", 1_000_000_000), ("T", 1_000_000_000_000), ("P", 1_000_000_000_000_000),
        ("E", 1_000_000_000_000_000_000),
    ]

    /// Parses the quantity grammar of k8s.io/apimachinery: sign, digits with an optional fraction, then a binary
    /// suffix, a decimal suffix or an exponent (`e3`, `E-2`). nil when `text` is not a quantity.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var number = Substring(trimmed)
        var multiplier: Decimal = 1
        if let (suffix, factor) = Self.binarySuffixes.first(where: { number.hasSuffix($0.0) }) {
            number = number.dropLast(suffix.count)
            multiplier = factor
        } else if let exponentIndex = number.firstIndex(where: { $0 == "e" || $0 == "E" }),
            number[number.index(after: exponentIndex)...].first.map({ $0.isNumber || $0 == "-" || $0 == "+" }) == true,
            let exponent = Int(number[number.index(after: exponentIndex)...]), abs(exponent) <= 30
        {
            number = number[..<exponentIndex]
            multiplier = Decimal(sign: .plus, exponent: exponent, significand: 1)
        } else if let (suffix, factor) = Self.decimalSuffixes.first(where: { number.hasSuffix($0.0) }) {
            number = number.dropLast(suffix.count)
            multiplier = factor
        }
        var digits = number
        if digits.first == "+" || digits.first == "-" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard !digits.isEmpty, parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            parts.contains(where: { !$0.isEmpty }), let base = Decimal(string: String(number), locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        self.value = base * multiplier
        self.text = text
    }

    public init(value: Decimal) {
        self.value = value
        self.text = "\(value)"
    }

    public static func + (lhs: Quantity, rhs: Quantity) -> Quantity { Quantity(value: lhs.value + rhs.value) }
    public static func < (lhs: Quantity, rhs: Quantity) -> Bool { lhs.value < rhs.value }
    public static func == (lhs: Quantity, rhs: Quantity) -> Bool { lhs.value == rhs.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }

    public var description: String { text }

    /// A short canonical text for messages: binary suffixes for whole multiples of Ki/Mi/Gi/Ti, millis for
    /// fractions ("1500m"), digits otherwise.
    public var canonical: String {
        for (suffix, factor) in Self.binarySuffixes.reversed() where value >= factor {
            var quotient = value / factor
            var rounded = Decimal()
            NSDecimalRound(&rounded, &quotient, 0, .plain)
            if rounded == quotient { return "\(rounded)\(suffix)" }
        }
        var whole = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &whole, 0, .plain)
        if rounded == value { return "\(value)" }
        var millis = value * 1000
        var roundedMillis = Decimal()
        NSDecimalRound(&roundedMillis, &millis, 0, .plain)
        return roundedMillis == millis ? "\(roundedMillis)m" : "\(value)"
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
