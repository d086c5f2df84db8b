/// What the supervisor runs for one service: the executable, its arguments and environment, and the socket
/// path the readiness probe checks.
///
/// `name` is the service name used in logs (`service=audit`) and in the status snapshot; it must be unique
/// within one supervisor.
public struct ChildSpec: Sendable, Hashable {
    public var name: String
    /// Absolute path of the program (no `PATH` search: the supervisor runs exactly what it was told).
    public var executable: String
    /// Arguments after `argv[0]` (which is `executable`).
    public var arguments: [String]
    /// Variables set for the child, overriding the supervisor's own when `inheritEnvironment` is true.
    public var environment: [String: String]
    /// Whether the child starts from the supervisor's environment (true) or from `environment` alone (false).
    public var inheritEnvironment: Bool
    /// The Unix socket the child serves on; the probe checks it. The supervisor never deletes it: a server
    /// replaces a stale socket file when it binds.
    public var socketPath: String

    public init(
        name: String,
        executable: String,
        arguments: [String] = [],
        environment: [String: String] = [:],
        inheritEnvironment: Bool = true,
        socketPath: String
    ) {
        self.name = name
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.inheritEnvironment = inheritEnvironment
        self.socketPath = socketPath
    }
}
