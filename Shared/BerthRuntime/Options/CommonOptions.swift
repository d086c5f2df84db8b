import ArgumentParser
import Foundation

/// The flags every Berth executable shares: `@OptionGroup var common: CommonOptions`, then
/// `let config = try common.loadConfig()`.
///
/// Flags win over `BERTH_*` environment variables, which win over the file, which wins over the embedded
/// defaults. Relative paths given as flags are taken relative to the current directory (as a shell user
/// expects); paths in the file and the environment must be absolute.
public struct CommonOptions: ParsableArguments, Sendable {
    @Option(
        name: .customLong("config"),
        help: ArgumentHelp(
            "The YAML config file (env: \(ConfigKeys.configFileVariable)). Without one, Berth runs on its "
                + "embedded defaults; every key is documented in deploy/berth.example.yaml.",
            valueName: "file"))
    public var configFile: String?

    @Option(
        name: .customLong("state-dir"),
        help: ArgumentHelp(
            "Where databases, keys and spools live, mode 0700 (default: \(Self.defaultOf("paths.stateDir")); "
                + "env: BERTH_PATHS_STATE_DIR or BERTH_STATE_DIR; file: paths.stateDir).",
            valueName: "dir"))
    public var stateDir: String?

    @Option(
        name: .customLong("runtime-dir"),
        help: ArgumentHelp(
            "Where the Unix sockets live, mode 0750 (default: \(Self.defaultOf("paths.runtimeDir")); "
                + "env: BERTH_PATHS_RUNTIME_DIR or BERTH_RUNTIME_DIR; file: paths.runtimeDir).",
            valueName: "dir"))
    public var runtimeDir: String?

    @Option(
        name: .customLong("bin-dir"),
        help: ArgumentHelp(
            "Where the berth-<service> executables are (default: this executable's directory; "
                + "env: BERTH_PATHS_BIN_DIR; file: paths.binDir).",
            valueName: "dir"))
    public var binDir: String?

    @Option(
        name: .customLong("log-level"),
        help: ArgumentHelp(
            "trace, debug, info, notice, warning, error or critical (default: \(Self.defaultOf("log.level")); "
                + "env: BERTH_LOG_LEVEL; file: log.level).",
            valueName: "level"))
    public var logLevel: String?

    @Option(
        name: .customLong("log-format"),
        help: ArgumentHelp(
            "logfmt (for people and journald) or json (for log shippers) (default: "
                + "\(Self.defaultOf("log.format")); env: BERTH_LOG_FORMAT; file: log.format).",
            valueName: "format"))
    public var logFormat: String?

    public init() {}

    /// Loads the config: the file from `--config` or `$BERTH_CONFIG` (none: embedded defaults), then the
    /// environment, then these flags; throws `BerthRuntimeError` naming every bad key.
    public func loadConfig(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        executableDirectory: String = ConfigLoader.runningExecutableDirectory()
    ) throws -> BerthConfig {
        try loader(
            environment: environment, currentDirectory: currentDirectory, executableDirectory: executableDirectory
        ).load()
    }

    /// The loader these flags describe, for callers that want to load from text (tests, `--check-config`).
    public func loader(
        environment: [String: String], currentDirectory: String, executableDirectory: String
    ) -> ConfigLoader {
        func absolute(_ path: String) -> String {
            path.hasPrefix("/") ? path : URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: currentDirectory, isDirectory: true))
                .standardizedFileURL.path
        }
        var flags: [ConfigLoader.FlagOverride] = []
        if let stateDir { flags.append(.init(flag: "--state-dir", key: "paths.stateDir", value: absolute(stateDir))) }
        if let runtimeDir {
            flags.append(.init(flag: "--runtime-dir", key: "paths.runtimeDir", value: absolute(runtimeDir)))
        }
        if let binDir { flags.append(.init(flag: "--bin-dir", key: "paths.binDir", value: absolute(binDir))) }
        if let logLevel { flags.append(.init(flag: "--log-level", key: "log.level", value: logLevel)) }
        if let logFormat { flags.append(.init(flag: "--log-format", key: "log.format", value: logFormat)) }
        let fromEnvironment = environment[ConfigKeys.configFileVariable].flatMap { $0.isEmpty ? nil : $0 }
        let file = (configFile ?? fromEnvironment).map(absolute)
        return ConfigLoader(
            filePath: file, environment: environment, flags: flags, executableDirectory: executableDirectory)
    }

    private static func defaultOf(_ key: String) -> String {
        ConfigKeys.all.first { $0.name == key }?.defaultValue ?? ""
    }
}
