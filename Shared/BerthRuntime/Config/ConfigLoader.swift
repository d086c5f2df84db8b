import Foundation
import Yams

/// Builds a `BerthConfig`: read -> decode -> default -> validate, with every error keyed.
///
/// Precedence, lowest first: embedded defaults, the YAML file, `BERTH_*` environment variables, flags.
/// No file at all means embedded defaults. Decoding problems from all three sources are reported together;
/// validation runs only on a config that decoded, and reports every problem it finds.
public struct ConfigLoader: Sendable {
    /// A value given on the command line, e.g. `--state-dir /tmp/x` for `paths.stateDir`.
    public struct FlagOverride: Sendable, Equatable {
        public let flag: String
        public let key: String
        public let value: String

        public init(flag: String, key: String, value: String) {
            self.flag = flag
            self.key = key
            self.value = value
        }
    }

    /// The YAML file; nil for none (embedded defaults). A path that does not exist is an error.
    public var filePath: String?
    public var environment: [String: String]
    public var flags: [FlagOverride]
    /// `paths.binDir`'s default: the directory the running executable lives in.
    public var executableDirectory: String

    public init(
        filePath: String? = nil, environment: [String: String] = [:], flags: [FlagOverride] = [],
        executableDirectory: String = ConfigLoader.runningExecutableDirectory()
    ) {
        self.filePath = filePath
        self.environment = environment
        self.flags = flags
        self.executableDirectory = executableDirectory
    }

    /// Reads `filePath` (if any), then decodes, defaults and validates.
    public func load() throws -> BerthConfig {
        guard let filePath else { return try load(yaml: nil, source: nil) }
        let text: String
        do {
            text = try String(contentsOfFile: filePath, encoding: .utf8)
        } catch {
            throw BerthRuntimeError(
                code: .configFileUnreadable,
                message: "config file \(filePath) cannot be read (\(Self.reason(error))): "
                    + "check the path given by --config or $\(ConfigKeys.configFileVariable), "
                    + "or omit both to run on the embedded defaults",
                keys: ["--config"])
        }
        return try load(yaml: text, source: filePath)
    }

    /// Decodes `yaml` (the file's contents; nil for no file) under the environment and flags.
    /// `source` names the file in error locations.
    public func load(yaml: String?, source: String?) throws -> BerthConfig {
        var builder = Builder(config: .defaults(binDir: executableDirectory))

        if let yaml {
            let root: Node?
            do {
                root = try Yams.compose(yaml: yaml)
            } catch {
                throw BerthRuntimeError(
                    code: .configFileUnreadable,
                    message: "config file \(source ?? "(inline)") is not valid YAML: \(error): fix the syntax",
                    keys: ["--config"])
            }
            if let root { builder.decode(root, prefix: [], source: source ?? "config") }
        }
        builder.applyEnvironment(environment)
        for flag in flags {
            builder.set(keyName: flag.key, value: flag.value, reportedAs: flag.flag, location: nil)
        }
        if !builder.problems.isEmpty { throw BerthRuntimeError.invalidConfig(builder.problems) }

        // Defaults that depend on other keys, after every override.
        if builder.origins["gateway.publicURL"] == nil { builder.config.gateway.publicURL = builder.config.gateway.listen }

        let problems = ConfigValidator(config: builder.config, origins: builder.origins).problems()
        if !problems.isEmpty { throw BerthRuntimeError.invalidConfig(problems) }
        return builder.config
    }

    /// The directory holding the running executable (symlinks resolved), for `paths.binDir`.
    public static func runningExecutableDirectory() -> String {
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        let fromProc = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            .map { URL(fileURLWithPath: $0) }
        return (fromProc ?? executable).deletingLastPathComponent().path
    }

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue)).lowercased()
        }
        switch CocoaError.Code(rawValue: nsError.code) {
        case .fileReadNoSuchFile, .fileNoSuchFile: return "no such file"
        case .fileReadNoPermission: return "permission denied"
        case .fileReadInapplicableStringEncoding: return "not UTF-8 text"
        default: return nsError.localizedDescription
        }
    }
}

/// Where each key's value came from, for validation messages: `BERTH_GATEWAY_LISTEN` or `berth.yaml line 3`.
struct ConfigOrigin: Sendable {
    /// What the operator wrote: the dotted key, the environment variable or the flag.
    let reportedAs: String
    let location: String?
}

extension ConfigLoader {
    /// The mutable state of one load: the config so far, where each key came from, and the problems found.
    struct Builder {
        var config: BerthConfig
        var origins: [String: ConfigOrigin] = [:]
        var problems: [ConfigProblem] = []

        mutating func set(keyName: String, value: String, reportedAs: String, location: String?) {
            guard let key = ConfigKeys.key(named: keyName) else {
                problems.append(ConfigProblem(key: reportedAs, problem: "is not a known key", location: location))
                return
            }
            if let problem = key.apply(&config, value) {
                problems.append(ConfigProblem(key: reportedAs, problem: problem, location: location))
            } else {
                origins[keyName] = ConfigOrigin(reportedAs: reportedAs, location: location)
            }
        }

        /// Walks the YAML tree; every leaf must be a known key holding a single value.
        mutating func decode(_ node: Node, prefix: [String], source: String) {
            let here = prefix.joined(separator: ".")
            let location = node.mark.map { "\(source) line \($0.line)" }
            switch node {
            case .mapping(let mapping):
                for (keyNode, value) in mapping {
                    let keyLocation = keyNode.mark.map { "\(source) line \($0.line)" }
                    guard let name = keyNode.string else {
                        problems.append(
                            ConfigProblem(
                                key: here.isEmpty ? "(top level)" : here,
                                problem: "has a key that is not a plain string", location: keyLocation))
                        continue
                    }
                    let path = prefix + [name]
                    let dotted = path.joined(separator: ".")
                    if ConfigKeys.sections.contains(dotted) {
                        if value.null != nil { continue }  // `gateway:` with nothing under it
                        guard case .mapping = value else {
                            let keys = ConfigKeys.all.filter { $0.name.hasPrefix(dotted + ".") }
                                .map { String($0.name.dropFirst(dotted.count + 1)) }
                            problems.append(
                                ConfigProblem(
                                    key: dotted,
                                    problem: "is a section: write its keys under it (\(keys.joined(separator: ", ")))",
                                    location: keyLocation))
                            continue
                        }
                        decode(value, prefix: path, source: source)
                    } else if ConfigKeys.key(named: dotted) != nil {
                        decodeLeaf(value, key: dotted, location: keyLocation)
                    } else {
                        problems.append(unknownKey(dotted, location: keyLocation))
                    }
                }
            case .scalar where node.null != nil:
                return  // an empty file
            default:
                problems.append(
                    ConfigProblem(
                        key: here.isEmpty ? "(top level)" : here,
                        problem: "must be a mapping of keys (paths:, log:, rpc:, supervisor:, gateway:, admin:, storage:)",
                        location: location))
            }
        }

        private mutating func decodeLeaf(_ value: Node, key: String, location: String?) {
            switch value {
            case .scalar(let scalar):
                // `key:` or `key: ~` leaves the default, as if the line were absent.
                if value.null != nil { return }
                set(keyName: key, value: scalar.string, reportedAs: key, location: location)
            case .mapping:
                problems.append(
                    ConfigProblem(key: key, problem: "is a single value, not a mapping", location: location))
            case .sequence where ConfigKeys.key(named: key)?.acceptsList == true:
                do {
                    set(keyName: key, value: try Yams.serialize(node: value), reportedAs: key, location: location)
                } catch {
                    problems.append(ConfigProblem(key: key, problem: "cannot be read as a list: \(error)", location: location))
                }
            case .sequence:
                problems.append(ConfigProblem(key: key, problem: "is a single value, not a list", location: location))
            case .alias:
                problems.append(
                    ConfigProblem(key: key, problem: "is a YAML alias: write the value itself", location: location))
            }
        }

        private func unknownKey(_ dotted: String, location: String?) -> ConfigProblem {
            if let suggestion = ConfigKeys.nearest(to: dotted) {
                return ConfigProblem(
                    key: dotted, problem: "is not a known key: did you mean \(suggestion)?", location: location)
            }
            return ConfigProblem(
                key: dotted, problem: "is not a known key: see deploy/berth.example.yaml for every key",
                location: location)
        }

        /// `BERTH_<SECTION>_<KEY>` for every key, aliases first so the full name wins when both are set.
        /// A `BERTH_<SECTION>_…` variable that names no key is a typo and an error; other `BERTH_` variables
        /// (`BERTH_CONFIG`, `BERTH_TEST_…`) belong to someone else and are ignored.
        mutating func applyEnvironment(_ environment: [String: String]) {
            for (variable, keyName) in ConfigKeys.environmentAliases.sorted(by: { $0.key < $1.key }) {
                if let value = environment[variable] {
                    set(keyName: keyName, value: value, reportedAs: variable, location: nil)
                }
            }
            let known = Dictionary(uniqueKeysWithValues: ConfigKeys.all.map { ($0.environmentVariable, $0) })
            let sectionPrefixes = Set(ConfigKeys.all.map { "BERTH_" + ConfigKey.upperSnakeCase($0.path[0]) + "_" })
            for (variable, value) in environment.sorted(by: { $0.key < $1.key }) where variable.hasPrefix("BERTH_") {
                if let key = known[variable] {
                    set(keyName: key.name, value: value, reportedAs: variable, location: nil)
                } else if ConfigKeys.environmentAliases[variable] == nil,
                    sectionPrefixes.contains(where: { variable.hasPrefix($0) })
                {
                    let suggestion = ConfigKeys.nearest(to: variable, among: Array(known.keys))
                    problems.append(
                        ConfigProblem(
                            key: variable,
                            problem: "is not a known setting"
                                + (suggestion.map { ": did you mean \($0)?" } ?? ": unset it or fix its name")))
                }
            }
        }
    }
}
