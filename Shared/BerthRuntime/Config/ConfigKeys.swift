/// Every key Berth's config knows, in file order. Decoding, environment overrides, unknown-key detection,
/// `--help` defaults and the documentation test all read this one table; add a key here and in
/// `deploy/berth.example.yaml` (a test fails when the two disagree).
public enum ConfigKeys {
    public static let all: [ConfigKey] = {
        let defaults = BerthConfig.defaults(binDir: "")
        return [
            .string(["paths", "stateDir"], \.paths.stateDir, default: defaults.paths.stateDir),
            .string(["paths", "runtimeDir"], \.paths.runtimeDir, default: defaults.paths.runtimeDir),
            .string(["paths", "binDir"], \.paths.binDir, default: ""),

            .logLevel(["log", "level"], \.log.level, default: defaults.log.level),
            .choice(["log", "format"], \.log.format, default: defaults.log.format),

            .wholeNumber(["rpc", "maxMessageBytes"], \.rpc.maxMessageBytes, default: defaults.rpc.maxMessageBytes),
            .duration(["rpc", "defaultDeadline"], \.rpc.defaultDeadline, default: defaults.rpc.defaultDeadline),
            .string(["rpc", "adminGroup"], \.rpc.adminGroup, default: defaults.rpc.adminGroup),

            .duration(
                ["supervisor", "stopGracePeriod"], \.supervisor.stopGracePeriod,
                default: defaults.supervisor.stopGracePeriod),
            .duration(
                ["supervisor", "restartBackoffInitial"], \.supervisor.restartBackoffInitial,
                default: defaults.supervisor.restartBackoffInitial),
            .duration(
                ["supervisor", "restartBackoffMax"], \.supervisor.restartBackoffMax,
                default: defaults.supervisor.restartBackoffMax),
            .duration(
                ["supervisor", "stableAfter"], \.supervisor.stableAfter, default: defaults.supervisor.stableAfter),
            .wholeNumber(
                ["supervisor", "crashLoopRestarts"], \.supervisor.crashLoopRestarts,
                default: defaults.supervisor.crashLoopRestarts),
            .duration(
                ["supervisor", "crashLoopWindow"], \.supervisor.crashLoopWindow,
                default: defaults.supervisor.crashLoopWindow),
            .duration(
                ["supervisor", "readinessTimeout"], \.supervisor.readinessTimeout,
                default: defaults.supervisor.readinessTimeout),
            .boolean(["supervisor", "watchdog"], \.supervisor.watchdog, default: defaults.supervisor.watchdog),

            .string(["gateway", "listen"], \.gateway.listen, default: defaults.gateway.listen),
            .string(["gateway", "tls", "certFile"], \.gateway.tls.certFile, default: ""),
            .string(["gateway", "tls", "keyFile"], \.gateway.tls.keyFile, default: ""),
            .string(["gateway", "publicURL"], \.gateway.publicURL, default: ""),

            .string(["admin", "bootstrapUser"], \.admin.bootstrapUser, default: defaults.admin.bootstrapUser),
            .string(["admin", "bootstrapPasswordFile"], \.admin.bootstrapPasswordFile, default: ""),

            .choice(["storage", "synchronous"], \.storage.synchronous, default: defaults.storage.synchronous),
            .duration(["storage", "busyTimeout"], \.storage.busyTimeout, default: defaults.storage.busyTimeout),

            .wholeNumber(["audit", "checkpointEvery"], \.audit.checkpointEvery, default: defaults.audit.checkpointEvery),
            .duration(
                ["audit", "checkpointInterval"], \.audit.checkpointInterval, default: defaults.audit.checkpointInterval),
            .duration(
                ["audit", "retention", "maxAge"], \.audit.retentionMaxAge, default: defaults.audit.retentionMaxAge),
            .wholeNumber(
                ["audit", "retention", "maxEvents"], \.audit.retentionMaxEvents,
                default: defaults.audit.retentionMaxEvents),
            .string(["audit", "sinks", "file", "path"], \.audit.fileSinkPath, default: ""),
            .wholeNumber(
                ["audit", "sinks", "file", "maxBytes"], \.audit.fileSinkMaxBytes, default: defaults.audit.fileSinkMaxBytes),
            .string(["audit", "sinks", "syslog", "address"], \.audit.syslogSinkAddress, default: ""),
            .string(["audit", "sinks", "webhook", "url"], \.audit.webhookSinkURL, default: ""),
            .string(["audit", "sinks", "webhook", "secretFile"], \.audit.webhookSinkSecretFile, default: ""),
            .duration(["audit", "clientTimeout"], \.audit.clientTimeout, default: defaults.audit.clientTimeout),
            .choice(["audit", "whenUnreachable"], \.audit.whenUnreachable, default: defaults.audit.whenUnreachable),
            .string(["audit", "kubernetesWebhook", "tokenFile"], \.audit.kubernetesWebhookTokenFile, default: ""),

            .string(["tenancy", "cluster", "name"], \.tenancy.clusterName, default: defaults.tenancy.clusterName),
            .string(["tenancy", "cluster", "kubeconfig"], \.tenancy.kubeconfig, default: ""),
            .string(["tenancy", "cluster", "context"], \.tenancy.kubeContext, default: ""),
            .duration(["tenancy", "resyncInterval"], \.tenancy.resyncInterval, default: defaults.tenancy.resyncInterval),
            .duration(
                ["tenancy", "healthCheckInterval"], \.tenancy.healthCheckInterval,
                default: defaults.tenancy.healthCheckInterval),
            .wholeNumber(
                ["tenancy", "personalSpaceLimit"], \.tenancy.personalSpaceLimit,
                default: defaults.tenancy.personalSpaceLimit),
            .string(["tenancy", "usernamePrefix"], \.tenancy.usernamePrefix, default: defaults.tenancy.usernamePrefix),
            .string(["tenancy", "groupsPrefix"], \.tenancy.groupsPrefix, default: defaults.tenancy.groupsPrefix),

            .wholeNumber(
                ["identity", "lockout", "maxFailures"], \.identity.lockoutMaxFailures,
                default: defaults.identity.lockoutMaxFailures),
            .duration(
                ["identity", "lockout", "duration"], \.identity.lockoutDuration,
                default: defaults.identity.lockoutDuration),
            .duration(
                ["identity", "signingKeyRotation"], \.identity.signingKeyRotation,
                default: defaults.identity.signingKeyRotation),
            .duration(
                ["identity", "idTokenLifetime"], \.identity.idTokenLifetime, default: defaults.identity.idTokenLifetime),
            .duration(
                ["identity", "sessionLifetime"], \.identity.sessionLifetime, default: defaults.identity.sessionLifetime),
            .string(["identity", "clients"], \.identity.clientIDs, default: defaults.identity.clientIDs),

            .duration(["sleep", "interval"], \.sleep.interval, default: defaults.sleep.interval),
            .duration(["sleep", "wakeTimeout"], \.sleep.wakeTimeout, default: defaults.sleep.wakeTimeout),
            .string(["sleep", "pricing", "cpuHour"], \.sleep.cpuHourPrice, default: defaults.sleep.cpuHourPrice),
            .string(
                ["sleep", "pricing", "memoryGiBHour"], \.sleep.memoryGiBHourPrice,
                default: defaults.sleep.memoryGiBHourPrice),
            .yamlList(["identity", "connectors"], \.identity.connectors),
            .duration(
                ["identity", "refreshIdleLifetime"], \.identity.refreshIdleLifetime,
                default: defaults.identity.refreshIdleLifetime),
            .duration(
                ["identity", "refreshAbsoluteLifetime"], \.identity.refreshAbsoluteLifetime,
                default: defaults.identity.refreshAbsoluteLifetime),
            .string(["identity", "clientsFile"], \.identity.clientsFile, default: ""),
        ]
    }()

    /// Short environment aliases for the two paths every script sets.
    public static let environmentAliases: [String: String] = [
        "BERTH_STATE_DIR": "paths.stateDir",
        "BERTH_RUNTIME_DIR": "paths.runtimeDir",
    ]

    /// The environment variable that names the config file (same as `--config`).
    public static let configFileVariable = "BERTH_CONFIG"

    static func key(named name: String) -> ConfigKey? { all.first { $0.name == name } }

    /// `paths`, `gateway`, `gateway.tls`…: every name that holds keys rather than a value.
    static let sections: Set<String> = Set(all.flatMap { key in
        (1..<key.path.count).map { key.path.prefix($0).joined(separator: ".") }
    })

    /// The known key or section closest to `name` by edit distance (case-insensitive), when it is close
    /// enough to be a plausible typo.
    static func nearest(to name: String, among candidates: [String]? = nil) -> String? {
        let pool = candidates ?? (all.map(\.name) + sections.sorted())
        let target = Array(name.lowercased())
        var best: (String, Int)?
        for candidate in pool {
            let distance = editDistance(target, Array(candidate.lowercased()))
            if distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        guard let (candidate, distance) = best else { return nil }
        let leaf = name.split(separator: ".").last.map(String.init) ?? name
        return distance <= max(1, leaf.count / 3) ? candidate : nil
    }

    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
