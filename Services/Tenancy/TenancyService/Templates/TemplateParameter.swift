import Foundation

/// A parameter a template declares beyond the built-in ones. A value must match `pattern` (the whole value) and
/// be at most `maxLength` long; without a `defaultValue` the parameter is required.
public struct TemplateParameter: Sendable, Equatable, Codable {
    /// The names every template has, filled in by Berth: the space's name, its team ("" for a personal space)
    /// and the username of the person it belongs to or who created it.
    public static let builtInNames: Set<String> = ["space", "team", "owner"]

    public var name: String
    public var description: String
    public var defaultValue: String?
    public var pattern: String?
    public var maxLength: Int

    public init(
        name: String, description: String = "", defaultValue: String? = nil, pattern: String? = nil,
        maxLength: Int = 253
    ) {
        self.name = name
        self.description = description
        self.defaultValue = defaultValue
        self.pattern = pattern
        self.maxLength = maxLength
    }

    /// A name usable in `${…}`: a letter, then letters, digits, '_' or '-'.
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter else { return false }
        return name.count <= 63
            && name.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }

    /// Checks the declaration itself (when a template is saved).
    func validateDeclaration() throws(TenancyError) {
        guard Self.isValidName(name) else {
            throw .invalidTemplate(
                line: nil, "parameter name '\(name)' is not valid: use a letter, then letters, digits, '_' or '-'")
        }
        guard !Self.builtInNames.contains(name) else {
            throw .invalidTemplate(line: nil, "parameter '\(name)' is built in: remove its declaration")
        }
        guard maxLength > 0 else {
            throw .invalidTemplate(line: nil, "parameter '\(name)': maxLength must be positive")
        }
        if let pattern {
            do {
                _ = try Regex(pattern)
            } catch {
                throw .invalidTemplate(line: nil, "parameter '\(name)': pattern '\(pattern)' is not a valid regular expression")
            }
        }
        if let defaultValue { try validate(defaultValue) }
    }

    /// Checks a value given for this parameter.
    func validate(_ value: String) throws(TenancyError) {
        guard value.count <= maxLength else {
            throw .invalidTemplate(
                line: nil, "parameter '\(name)' is \(value.count) characters long; at most \(maxLength) are allowed")
        }
        guard let pattern else { return }
        let matches: Bool
        do {
            matches = try Regex(pattern).wholeMatch(in: value) != nil
        } catch {
            throw .invalidTemplate(line: nil, "parameter '\(name)': pattern '\(pattern)' is not a valid regular expression")
        }
        guard matches else {
            throw .invalidTemplate(line: nil, "parameter '\(name)' value '\(value)' does not match \(pattern)")
        }
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
