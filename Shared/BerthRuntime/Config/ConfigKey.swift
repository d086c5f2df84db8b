import Logging

/// One configurable key: its place in the YAML file, its environment variable and how a string sets it.
///
/// The file, the environment and the flags all go through the same `apply`, so a value is parsed one way
/// whichever way it arrives, and every error names what the operator wrote.
public struct ConfigKey: Sendable {
    /// `["gateway", "tls", "certFile"]`.
    public let path: [String]
    /// The default, as it would be written in the file (for `--help` and the example config).
    public let defaultValue: String
    /// The key holds a YAML list (e.g. `identity.connectors`): the file's list reaches `apply` as YAML text,
    /// which its owner decodes and validates; an environment variable holds the same text (JSON works too).
    var acceptsList = false
    /// Parses `value` into `config`; returns the problem (without the key) when it cannot.
    let apply: @Sendable (inout BerthConfig, String) -> String?

    /// `gateway.tls.certFile`.
    public var name: String { path.joined(separator: ".") }

    /// `BERTH_GATEWAY_TLS_CERT_FILE`: `BERTH_` + the path in upper snake case, joined by `_`.
    public var environmentVariable: String {
        "BERTH_" + path.map(Self.upperSnakeCase).joined(separator: "_")
    }

    /// `stateDir` -> `STATE_DIR`, `publicURL` -> `PUBLIC_URL`, `maxMessageBytes` -> `MAX_MESSAGE_BYTES`.
    static func upperSnakeCase(_ camel: String) -> String {
        var out = ""
        let characters = Array(camel)
        for (index, character) in characters.enumerated() {
            if character.isUppercase, index > 0 {
                let previousIsLower = characters[index - 1].isLowercase
                let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
                // A new word starts at an upper-case letter after a lower-case one ("stateDir"), or at the last
                // capital of an acronym followed by lower case ("URLPath" -> "URL_PATH").
                if previousIsLower || (nextIsLower && characters[index - 1].isUppercase) { out += "_" }
            }
            out += character.uppercased()
        }
        return out
    }
}

// MARK: - Typed constructors

extension ConfigKey {
    static func string(
        _ path: [String], _ keyPath: ConfigKeyPath<String>, default defaultValue: String
    ) -> ConfigKey {
        ConfigKey(path: path, defaultValue: defaultValue) { config, value in
            config[keyPath: keyPath] = value
            return nil
        }
    }

    /// A list of mappings kept as YAML text (`""` for none); its service decodes it (see `acceptsList`).
    static func yamlList(_ path: [String], _ keyPath: ConfigKeyPath<String>) -> ConfigKey {
        ConfigKey(path: path, defaultValue: "[]", acceptsList: true) { config, value in
            let trimmed = value.trimmingWhitespace
            config[keyPath: keyPath] = trimmed == "[]" ? "" : trimmed
            return nil
        }
    }

    static func wholeNumber(
        _ path: [String], _ keyPath: ConfigKeyPath<Int>, default defaultValue: Int
    ) -> ConfigKey {
        ConfigKey(path: path, defaultValue: String(defaultValue)) { config, value in
            guard let number = Int(value.trimmingWhitespace.replacingUnderscores) else {
                return "\"\(value)\" is not a whole number"
            }
            config[keyPath: keyPath] = number
            return nil
        }
    }

    static func duration(
        _ path: [String], _ keyPath: ConfigKeyPath<ConfigDuration>,
        default defaultValue: ConfigDuration
    ) -> ConfigKey {
        ConfigKey(path: path, defaultValue: defaultValue.description) { config, value in
            switch ConfigDuration.parse(value) {
            case .success(let duration):
                config[keyPath: keyPath] = duration
                return nil
            case .failure(let error):
                return error.description
            }
        }
    }

    static func boolean(
        _ path: [String], _ keyPath: ConfigKeyPath<Bool>, default defaultValue: Bool
    ) -> ConfigKey {
        ConfigKey(path: path, defaultValue: String(defaultValue)) { config, value in
            switch value.trimmingWhitespace.lowercased() {
            case "true", "yes", "on", "1": config[keyPath: keyPath] = true
            case "false", "no", "off", "0": config[keyPath: keyPath] = false
            default: return "\"\(value)\" is not a boolean: use true or false"
            }
            return nil
        }
    }

    static func choice<Value: RawRepresentable & CaseIterable & Sendable>(
        _ path: [String], _ keyPath: ConfigKeyPath<Value>, default defaultValue: Value
    ) -> ConfigKey where Value.RawValue == String {
        ConfigKey(path: path, defaultValue: defaultValue.rawValue) { config, value in
            guard let choice = Value(rawValue: value.trimmingWhitespace.lowercased()) else {
                let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
                return "\"\(value)\" is not one of \(allowed)"
            }
            config[keyPath: keyPath] = choice
            return nil
        }
    }

    static func logLevel(
        _ path: [String], _ keyPath: ConfigKeyPath<Logger.Level>,
        default defaultValue: Logger.Level
    ) -> ConfigKey {
        ConfigKey(path: path, defaultValue: defaultValue.rawValue) { config, value in
            var text = value.trimmingWhitespace.lowercased()
            if text == "warn" { text = "warning" }  // what most other tools call it
            guard let level = Logger.Level(rawValue: text) else {
                let allowed = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
                return "\"\(value)\" is not a log level: use one of \(allowed)"
            }
            config[keyPath: keyPath] = level
            return nil
        }
    }
}

extension String {
    /// YAML allows `4_194_304`; so do we, in the file and the environment alike.
    fileprivate var replacingUnderscores: String { String(filter { $0 != "_" }) }
}

/// A key path into the config that can be stored in the (global, immutable) key table.
typealias ConfigKeyPath<Value> = any WritableKeyPath<BerthConfig, Value> & Sendable
