import BerthModel

extension ChildSpec {
    /// The spec for one Berth service: named after it (`audit`), running `<binDirectory>/berth-audit`.
    ///
    /// berthd builds one per `ServiceName.startOrder`; the socket path comes from BerthRuntime's single
    /// socket-path function, passed in so this module does not decide where sockets live.
    public static func berthService(
        _ service: ServiceName,
        binDirectory: String,
        socketPath: String,
        arguments: [String] = [],
        environment: [String: String] = [:]
    ) -> ChildSpec {
        let directory = binDirectory.hasSuffix("/") ? String(binDirectory.dropLast()) : binDirectory
        return ChildSpec(
            name: service.rawValue, executable: "\(directory)/\(service.executableName)", arguments: arguments,
            environment: environment, socketPath: socketPath)
    }
}
