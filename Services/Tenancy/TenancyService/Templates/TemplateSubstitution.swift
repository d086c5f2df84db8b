import BerthKube

/// Substitutes `${name}` in the string values of an already-parsed tree. Because substitution happens after
/// parsing and only inside string scalars, a parameter value is always a value: `"x\nkind: ClusterRole"` stays
/// one string and can never add a key, a document or a list item. Keys are never substituted. `$${` writes a
/// literal `${`.
struct TemplateSubstitution: Sendable {
    let values: [String: String]

    func apply(_ value: JSONValue, line: Int?) throws(TenancyError) -> JSONValue {
        switch value {
        case .string(let string): return .string(try apply(string, line: line))
        case .array(let items):
            var result: [JSONValue] = []
            result.reserveCapacity(items.count)
            for item in items { result.append(try apply(item, line: line)) }
            return .array(result)
        case .object(let members):
            var result: [String: JSONValue] = [:]
            for (key, member) in members { result[key] = try apply(member, line: line) }
            return .object(result)
        default: return value
        }
    }

    func apply(_ string: String, line: Int?) throws(TenancyError) -> String {
        guard string.contains("$") else { return string }
        var output = ""
        var rest = Substring(string)
        while let dollar = rest.firstIndex(of: "$") {
            output += rest[..<dollar]
            let afterDollar = rest[rest.index(after: dollar)...]
            if afterDollar.hasPrefix("${") {
                output += "${"
                rest = afterDollar.dropFirst(2)
            } else if afterDollar.hasPrefix("{") {
                guard let close = afterDollar.firstIndex(of: "}") else {
                    throw .invalidTemplate(line: line, "'${' without a closing '}' in \"\(string)\"")
                }
                let name = String(afterDollar[afterDollar.index(after: afterDollar.startIndex)..<close])
                guard let value = values[name] else {
                    let known = values.keys.sorted().joined(separator: ", ")
                    throw .invalidTemplate(line: line, "unknown parameter '${\(name)}' (known: \(known))")
                }
                output += value
                rest = afterDollar[afterDollar.index(after: close)...]
            } else {
                output += "$"
                rest = afterDollar
            }
        }
        output += rest
        return output
    }
}
