import BerthRuntime
import Foundation
import Yams

/// One entry of `identity.connectors`, decoded and validated. Every problem names its key
/// (`identity.connectors[0].userSearch.baseDN: is required …`).
public enum ConnectorSettings: Sendable, Equatable {
    case ldap(LDAPSettings)
    case oidc(UpstreamOIDCSettings)

    public var id: String {
        switch self {
        case .ldap(let settings): settings.id
        case .oidc(let settings): settings.id
        }
    }

    /// Decodes `identity.connectors` (YAML text; `""` = none). Ids must be unique and not `local`.
    public static func decode(_ text: String) throws(IdentityError) -> [ConnectorSettings] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return [] }
        let root: Node?
        do {
            root = try Yams.compose(yaml: trimmed)
        } catch {
            throw IdentityError.invalidConfig("identity.connectors", "is not valid YAML (\(error)): fix the syntax")
        }
        guard let root, case .sequence(let list) = root else {
            throw IdentityError.invalidConfig("identity.connectors", "must be a list of connectors (- id: …, type: ldap|oidc)")
        }
        var settings: [ConnectorSettings] = []
        for (index, node) in list.enumerated() {
            let reader = try SettingsReader(node, key: "identity.connectors[\(index)]")
            let type = try reader.string("type")
            switch type {
            case "ldap": settings.append(.ldap(try LDAPSettings(reader)))
            case "oidc": settings.append(.oidc(try UpstreamOIDCSettings(reader)))
            default: throw reader.problem("type", "is \"\(type)\": use ldap or oidc")
            }
        }
        var seen: Set<String> = [LocalPasswordConnector.defaultID]
        for (index, entry) in settings.enumerated() where !seen.insert(entry.id).inserted {
            throw IdentityError.invalidConfig(
                "identity.connectors[\(index)].id", "\"\(entry.id)\" is used twice (or is the built-in local): give each connector its own id")
        }
        return settings
    }
}

/// Reads one YAML mapping of connector settings, with keyed errors and unknown-key detection.
struct SettingsReader {
    let key: String
    private let values: [String: Node]

    init(_ node: Node, key: String) throws(IdentityError) {
        self.key = key
        guard case .mapping(let mapping) = node else {
            throw IdentityError.invalidConfig(key, "must be a mapping of settings")
        }
        var values: [String: Node] = [:]
        for (name, value) in mapping {
            guard let name = name.string else { throw IdentityError.invalidConfig(key, "has a key that is not a string") }
            values[name] = value
        }
        self.values = values
    }

    func problem(_ name: String, _ text: String) -> IdentityError {
        IdentityError.invalidConfig("\(key).\(name)", text)
    }

    /// Fails on a key not in `known` (a typo would otherwise silently keep a default).
    func rejectUnknown(_ known: Set<String>) throws(IdentityError) {
        for name in values.keys.sorted() where !known.contains(name) {
            throw problem(name, "is not a known setting: use one of \(known.sorted().joined(separator: ", "))")
        }
    }

    func has(_ name: String) -> Bool { values[name].map { $0.null == nil } ?? false }

    func string(_ name: String) throws(IdentityError) -> String {
        guard let value = try optionalString(name), !value.isEmpty else { throw problem(name, "is required") }
        return value
    }

    func optionalString(_ name: String) throws(IdentityError) -> String? {
        guard let node = values[name], node.null == nil else { return nil }
        guard case .scalar(let scalar) = node else { throw problem(name, "must be a single value") }
        return scalar.string
    }

    func string(_ name: String, default value: String) throws(IdentityError) -> String {
        try optionalString(name) ?? value
    }

    func bool(_ name: String, default value: Bool) throws(IdentityError) -> Bool {
        guard let text = try optionalString(name) else { return value }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw problem(name, "\"\(text)\" is not a boolean: use true or false")
        }
    }

    func int(_ name: String, default value: Int, range: ClosedRange<Int>) throws(IdentityError) -> Int {
        guard let text = try optionalString(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw problem(name, "\"\(text)\" must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    func seconds(_ name: String, default value: Int) throws(IdentityError) -> Int {
        guard let text = try optionalString(name) else { return value }
        switch ConfigDuration.parse(text) {
        case .success(let duration) where duration.duration.components.seconds >= 1:
            return Int(duration.duration.components.seconds)
        case .success: throw problem(name, "\"\(text)\" must be at least 1s")
        case .failure(let error): throw problem(name, error.description)
        }
    }

    func strings(_ name: String, default value: [String]) throws(IdentityError) -> [String] {
        guard let node = values[name], node.null == nil else { return value }
        switch node {
        case .sequence(let list): return list.compactMap(\.string)
        case .scalar(let scalar):
            return scalar.string.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        default: throw problem(name, "must be a list of strings")
        }
    }

    /// A nested mapping (`userSearch`).
    func section(_ name: String) throws(IdentityError) -> SettingsReader {
        guard let node = values[name], node.null == nil else { throw problem(name, "is required") }
        return try SettingsReader(node, key: "\(key).\(name)")
    }

    /// A mapping or a list of mappings (`groupSearch`); empty when absent.
    func sections(_ name: String) throws(IdentityError) -> [SettingsReader] {
        guard let node = values[name], node.null == nil else { return [] }
        if case .sequence(let list) = node {
            var readers: [SettingsReader] = []
            for (index, item) in list.enumerated() {
                readers.append(try SettingsReader(item, key: "\(key).\(name)[\(index)]"))
            }
            return readers
        }
        return [try SettingsReader(node, key: "\(key).\(name)")]
    }

    /// The first line of a secret file, trimmed (files usually end with a newline).
    func secretFile(_ name: String) throws(IdentityError) -> String {
        let path = try string(name)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw problem(name, "\(path) cannot be read: check the path and that berth-identity may read it")
        }
        let secret = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        if secret.isEmpty { throw problem(name, "\(path) is empty: write the secret on its first line") }
        return secret
    }
}
