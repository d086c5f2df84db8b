/// HTML that is safe by construction: an interpolated `String` is escaped, an interpolated `HTML` is inserted
/// as it is. Pages are Swift functions returning `HTML`, so no value from a person, a directory or the cluster
/// can become markup (no template engine to forget an escape in).
struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    let text: String

    init(stringLiteral value: String) { text = value }
    init(stringInterpolation: Interpolation) { text = stringInterpolation.text }
    private init(raw: String) { text = raw }

    var description: String { text }

    /// Several fragments, one after the other.
    static func join(_ parts: [HTML]) -> HTML { HTML(raw: parts.map(\.text).joined()) }

    /// `&`, `<`, `>`, `"` and `'` as character references: safe in text and in quoted attribute values.
    static func escape(_ value: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count)
        for character in value {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    struct Interpolation: StringInterpolationProtocol {
        var text = ""
        init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity * 2) }
        mutating func appendLiteral(_ literal: String) { text += literal }
        mutating func appendInterpolation(_ value: String) { text += HTML.escape(value) }
        mutating func appendInterpolation(_ value: HTML) { text += value.text }
        mutating func appendInterpolation(_ values: [HTML]) { text += values.map(\.text).joined() }
        mutating func appendInterpolation<Number: BinaryInteger>(_ value: Number) { text += String(value) }
    }
}
