import Foundation

/// The SCIM filters provisioning clients send for lookups (RFC 7644 §3.4.2.2): `<attribute> eq "<value>"`.
/// Only equality on the attributes Berth can look up is supported; anything else is a 400 `invalidFilter`
/// that says what is.
struct SCIMFilter: Sendable, Equatable {
    let attribute: String
    let value: String

    /// - Parameter allowed: attribute names (compared case-insensitively, as SCIM does), in their canonical form.
    init(parsing text: String, allowed: [String]) throws(SCIMError) {
        let usage = "use \(allowed.map { "\($0) eq \"...\"" }.joined(separator: " or "))"
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let firstSpace = trimmed.firstIndex(of: " ") else {
            throw .invalidFilter("filter \"\(text)\" is not supported: \(usage)")
        }
        let attribute = String(trimmed[..<firstSpace])
        let rest = trimmed[firstSpace...].drop { $0 == " " }
        guard rest.lowercased().hasPrefix("eq ") else {
            throw .invalidFilter("filter \"\(text)\": only the eq operator is supported: \(usage)")
        }
        let quoted = rest.dropFirst(3).trimmingCharacters(in: .whitespaces)
        guard quoted.count >= 2, quoted.hasPrefix("\""), quoted.hasSuffix("\"") else {
            throw .invalidFilter("filter \"\(text)\": the value must be a quoted string: \(usage)")
        }
        var value = ""
        var escaped = false
        for character in quoted.dropFirst().dropLast() {
            if escaped {
                value.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                throw .invalidFilter("filter \"\(text)\": one comparison only: \(usage)")
            } else {
                value.append(character)
            }
        }
        guard let canonical = allowed.first(where: { $0.lowercased() == attribute.lowercased() }) else {
            throw .invalidFilter("filter on \"\(attribute)\" is not supported: \(usage)")
        }
        self.attribute = canonical
        self.value = value
    }
}
