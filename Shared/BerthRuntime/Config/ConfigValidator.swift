import BerthModel
import Foundation

/// The rules a decoded config must follow, each reported against the key (or variable, or flag) the
/// operator actually wrote. Pinniped's supervisor config is the model: plain HTTP binds only to loopback.
struct ConfigValidator {
    let config: BerthConfig
    let origins: [String: ConfigOrigin]

    /// Linux `sun_path` is 108 bytes including the terminating NUL.
    static let maximumSocketPathBytes = 107

    func problems() -> [ConfigProblem] {
        var problems: [ConfigProblem] = []
        func report(_ key: String, _ problem: String) {
            let origin = origins[key]
            problems.append(ConfigProblem(key: origin?.reportedAs ?? key, problem: problem, location: origin?.location))
        }

        // paths
        for (key, value) in [
            ("paths.stateDir", config.paths.stateDir), ("paths.runtimeDir", config.paths.runtimeDir),
            ("paths.binDir", config.paths.binDir),
        ] where !value.hasPrefix("/") {
            report(key, "\"\(value)\" is not an absolute path: write it starting with /")
        }
        let longestSocket = (ServiceName.allCases.map(\.socketFileName) + [supervisorSocketFileName])
            .max { $0.utf8.count < $1.utf8.count } ?? supervisorSocketFileName
        let socketBytes = config.paths.runtimeDir.utf8.count + 1 + longestSocket.utf8.count
        if socketBytes > Self.maximumSocketPathBytes {
            report(
                "paths.runtimeDir",
                "\"\(config.paths.runtimeDir)\" is too long for Unix sockets (\(longestSocket) there needs "
                    + "\(socketBytes) bytes, the limit is \(Self.maximumSocketPathBytes)): choose a shorter directory")
        }

        // rpc
        let messageRange = 1024...(1 << 30)
        if !messageRange.contains(config.rpc.maxMessageBytes) {
            report(
                "rpc.maxMessageBytes",
                "\(config.rpc.maxMessageBytes) is outside 1024...1073741824 bytes: the default is 4194304 (4 MiB)")
        }
        requirePositive("rpc.defaultDeadline", config.rpc.defaultDeadline, report)
        if !Self.isGroupName(config.rpc.adminGroup) {
            report(
                "rpc.adminGroup",
                "\"\(config.rpc.adminGroup)\" is not a Unix group name: use letters, digits, '_', '-' and '.'")
        }

        // supervisor
        let supervisor = config.supervisor
        for (key, value) in [
            ("supervisor.stopGracePeriod", supervisor.stopGracePeriod),
            ("supervisor.restartBackoffInitial", supervisor.restartBackoffInitial),
            ("supervisor.restartBackoffMax", supervisor.restartBackoffMax),
            ("supervisor.stableAfter", supervisor.stableAfter),
            ("supervisor.crashLoopWindow", supervisor.crashLoopWindow),
            ("supervisor.readinessTimeout", supervisor.readinessTimeout),
        ] {
            requirePositive(key, value, report)
        }
        if supervisor.restartBackoffInitial > supervisor.restartBackoffMax {
            report(
                "supervisor.restartBackoffInitial",
                "\(supervisor.restartBackoffInitial) is longer than supervisor.restartBackoffMax "
                    + "(\(supervisor.restartBackoffMax)): make the initial backoff the shorter one")
        }
        if supervisor.crashLoopRestarts < 1 {
            report(
                "supervisor.crashLoopRestarts",
                "\(supervisor.crashLoopRestarts) must be at least 1 (restarts within crashLoopWindow before berthd gives up)")
        }

        // gateway
        validateGateway(report)

        // identity
        for (key, value) in [
            ("identity.lockout.duration", config.identity.lockoutDuration),
            ("identity.signingKeyRotation", config.identity.signingKeyRotation),
            ("identity.idTokenLifetime", config.identity.idTokenLifetime),
            ("identity.sessionLifetime", config.identity.sessionLifetime),
            ("identity.refreshIdleLifetime", config.identity.refreshIdleLifetime),
            ("identity.refreshAbsoluteLifetime", config.identity.refreshAbsoluteLifetime),
        ] {
            requirePositive(key, value, report)
        }
        if config.identity.lockoutMaxFailures < 1 {
            report(
                "identity.lockout.maxFailures",
                "\(config.identity.lockoutMaxFailures) must be at least 1 (failed logins before a lock-out)")
        }
        if config.identity.clientIDs.split(separator: ",").allSatisfy({ $0.trimmingWhitespace.isEmpty }) {
            report("identity.clients", "is empty: list at least one client id, e.g. berth-cli")
        }

        // admin
        if !Self.isUserName(config.admin.bootstrapUser) {
            report(
                "admin.bootstrapUser",
                "\"\(config.admin.bootstrapUser)\" is not a valid user name: use 1-64 letters, digits, '.', '_' or '-'")
        }
        let passwordFile = config.admin.bootstrapPasswordFile
        if !passwordFile.isEmpty, !passwordFile.hasPrefix("/") {
            report(
                "admin.bootstrapPasswordFile",
                "\"\(passwordFile)\" is not an absolute path: write it starting with /, or leave it empty to "
                    + "generate a password at first start")
        }

        // storage
        if config.storage.busyTimeout > .seconds(600) {
            report(
                "storage.busyTimeout",
                "\(config.storage.busyTimeout) is longer than 10m: a write stuck that long is a bug, not contention")
        }
        return problems
    }

    private func requirePositive(
        _ key: String, _ value: ConfigDuration, _ report: (String, String) -> Void
    ) {
        if value.duration <= .zero { report(key, "\(value) must be longer than zero") }
    }

    private func validateGateway(_ report: (String, String) -> Void) {
        let gateway = config.gateway
        let hasCert = !gateway.tls.certFile.isEmpty
        let hasKey = !gateway.tls.keyFile.isEmpty
        if hasCert != hasKey {
            report(
                hasCert ? "gateway.tls.keyFile" : "gateway.tls.certFile",
                "is empty but gateway.tls.\(hasCert ? "certFile" : "keyFile") is set: give both files or neither")
        }
        for (key, value) in [("gateway.tls.certFile", gateway.tls.certFile), ("gateway.tls.keyFile", gateway.tls.keyFile)]
        where !value.isEmpty && !value.hasPrefix("/") {
            report(key, "\"\(value)\" is not an absolute path: write it starting with /")
        }

        switch ListenURL.parse(gateway.listen) {
        case .failure(let problem):
            report("gateway.listen", "\"\(gateway.listen)\" \(problem)")
        case .success(let listen):
            if !listen.isHTTPS, !listen.isLoopback {
                report(
                    "gateway.listen",
                    "\"\(gateway.listen)\" is plain HTTP on a non-loopback address: use https with "
                        + "gateway.tls.certFile/keyFile, or bind 127.0.0.1")
            }
            if listen.isHTTPS, !(hasCert && hasKey) {
                report(
                    "gateway.listen",
                    "\"\(gateway.listen)\" is https but gateway.tls.certFile and gateway.tls.keyFile are not both "
                        + "set: give the PEM certificate and key, or listen on http://127.0.0.1 behind a TLS proxy")
            }
            if !listen.isHTTPS, hasCert || hasKey {
                report(
                    "gateway.tls.certFile",
                    "is set but gateway.listen \"\(gateway.listen)\" is plain http: listen on https://, or remove "
                        + "gateway.tls")
            }
        }

        // An unset publicURL is the listen URL, already judged above: report it once, against listen.
        guard origins["gateway.publicURL"] != nil else { return }
        switch ListenURL.parse(gateway.publicURL, allowPath: true) {
        case .failure(let problem):
            report("gateway.publicURL", "\"\(gateway.publicURL)\" \(problem)")
        case .success(let publicURL):
            if !publicURL.isHTTPS, !publicURL.isLoopback {
                report(
                    "gateway.publicURL",
                    "\"\(gateway.publicURL)\" is plain HTTP on a non-loopback host: kube-apiserver and browsers "
                        + "trust only an https issuer; use https://")
            }
        }
    }

    static func isGroupName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64 && !name.hasPrefix("-")
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) }
    }

    static func isUserName(_ name: String) -> Bool { isGroupName(name) }
}

/// The parts of a listen or public URL that validation cares about.
struct ListenURL: Sendable, Equatable {
    let isHTTPS: Bool
    let host: String
    let port: Int?

    /// `127.0.0.0/8`, `::1` and `localhost`: addresses no other machine can reach.
    var isLoopback: Bool {
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// Returns the parsed URL, or the problem (without the key and value) for the caller to report.
    static func parse(_ text: String, allowPath: Bool = false) -> Result<ListenURL, ListenURLProblem> {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            return .failure(ListenURLProblem("is not a URL: write it like http://127.0.0.1:7080"))
        }
        guard scheme == "http" || scheme == "https" else {
            return .failure(ListenURLProblem("has scheme \"\(scheme)\": use http or https"))
        }
        var host = components.host ?? ""
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else {
            return .failure(ListenURLProblem("has no host: write it like http://127.0.0.1:7080"))
        }
        if let port = components.port, !(1...65535).contains(port) {
            return .failure(ListenURLProblem("has port \(port) outside 1-65535"))
        }
        if !allowPath, !(components.path.isEmpty || components.path == "/") {
            return .failure(ListenURLProblem("has a path: a listen address is scheme://host:port only"))
        }
        if components.query != nil || components.fragment != nil || components.user != nil {
            return .failure(ListenURLProblem("has a query, fragment or user: remove it"))
        }
        return .success(ListenURL(isHTTPS: scheme == "https", host: host.lowercased(), port: components.port))
    }
}

struct ListenURLProblem: Error, Sendable, Equatable, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
