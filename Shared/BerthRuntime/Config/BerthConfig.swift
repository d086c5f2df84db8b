import Logging

/// Everything an operator can configure, after defaults, environment overrides and validation.
///
/// Built only by `ConfigLoader` (read -> decode -> default -> validate), so a `BerthConfig` a service receives
/// is always valid. Every key, its default and its environment variable are listed in
/// `deploy/berth.example.yaml`; the table that drives decoding is `ConfigKeys.swift`.
public struct BerthConfig: Sendable, Equatable {
    public var paths: Paths
    public var log: Log
    public var rpc: RPC
    public var supervisor: Supervisor
    public var gateway: Gateway
    public var admin: Admin
    public var storage: Storage
    public var audit: Audit
    public var tenancy: Tenancy
    public var identity: Identity
    public var sleep: Sleep

    /// Where Berth keeps its files.
    public struct Paths: Sendable, Equatable {
        /// Databases, keys and spools (`/var/lib/berth`; systemd `StateDirectory=berth`, mode 0700).
        public var stateDir: String
        /// Sockets (`/run/berth`; systemd `RuntimeDirectory=berth`, mode 0750).
        public var runtimeDir: String
        /// The service executables the supervisor starts (default: the running executable's directory).
        public var binDir: String
    }

    public struct Log: Sendable, Equatable {
        public var level: Logger.Level
        public var format: LogFormat
    }

    public struct RPC: Sendable, Equatable {
        /// Largest request or response, in bytes, in either direction (4 MiB).
        public var maxMessageBytes: Int
        /// Deadline applied to a call whose caller set none (5s).
        public var defaultDeadline: ConfigDuration
        /// Unix group whose members may call admin RPCs from the host without a token (`berth-admin`).
        public var adminGroup: String
    }

    public struct Supervisor: Sendable, Equatable {
        /// How long a service has to exit after SIGTERM before it gets SIGKILL (10s).
        public var stopGracePeriod: ConfigDuration
        /// First wait before restarting a crashed service; doubles up to `restartBackoffMax` (200ms).
        public var restartBackoffInitial: ConfigDuration
        public var restartBackoffMax: ConfigDuration
        /// A service up this long is considered healthy again and its backoff resets (60s).
        public var stableAfter: ConfigDuration
        /// This many restarts within `crashLoopWindow` means a crash loop: berthd gives up and exits (5 in 60s).
        public var crashLoopRestarts: Int
        public var crashLoopWindow: ConfigDuration
        /// How long a starting service may take to report SERVING on its health check (30s).
        public var readinessTimeout: ConfigDuration
        /// Send WATCHDOG=1 to systemd when `$WATCHDOG_USEC` is set (true).
        public var watchdog: Bool
    }

    public struct Gateway: Sendable, Equatable {
        /// `http://127.0.0.1:7080`; plain http only on a loopback address.
        public var listen: String
        public var tls: TLS
        /// The URL users and kube-apiserver reach the gateway at (the OIDC issuer); default: `listen`.
        public var publicURL: String

        public struct TLS: Sendable, Equatable {
            /// PEM certificate chain and private key; both or neither; required for an https listener.
            public var certFile: String
            public var keyFile: String
        }
    }

    public struct Admin: Sendable, Equatable {
        /// The local user created on first start (`admin`).
        public var bootstrapUser: String
        /// A file holding its password; empty: generate one and print it once at first start.
        public var bootstrapPasswordFile: String
    }

    public struct Storage: Sendable, Equatable {
        /// SQLite `PRAGMA synchronous` for every database (`full`: survives power loss).
        public var synchronous: SynchronousMode
        /// How long a write waits for a lock before failing (5s).
        public var busyTimeout: ConfigDuration
    }
}

extension BerthConfig {
    /// The audit log (berth-audit) and the audit client every service uses.
    public struct Audit: Sendable, Equatable {
        /// A signed checkpoint after this many events (1000) …
        public var checkpointEvery: Int
        /// … or after this long with new events (5m), whichever comes first.
        public var checkpointInterval: ConfigDuration
        /// Drop events older than this ("0s" = keep forever).
        public var retentionMaxAge: ConfigDuration
        /// Keep at most this many events (0 = no limit).
        public var retentionMaxEvents: Int
        /// JSON-lines file sink: path ("" = off) and the size at which it rotates.
        public var fileSinkPath: String
        public var fileSinkMaxBytes: Int
        /// Syslog (RFC 5424) sink: "" = off, `unix:///dev/log`, `udp://host:514` or `tcp://host:601`.
        public var syslogSinkAddress: String
        /// Webhook sink: URL ("" = off) and a file holding the HMAC-SHA256 secret.
        public var webhookSinkURL: String
        public var webhookSinkSecretFile: String
        /// How long a service's audit client waits for audit before acting on `whenUnreachable` (2s).
        public var clientTimeout: ConfigDuration
        /// What a service does when audit cannot be reached: `spool` (default: write events to a local, fsync'd
        /// spool and replay them later) or `refuse` (fail the action).
        public var whenUnreachable: AuditUnreachablePolicy
        /// Bearer token file kube-apiserver's audit webhook presents to the gateway ("" = webhook off).
        public var kubernetesWebhookTokenFile: String
    }
}

extension BerthConfig {
    /// The sleep controller (berth-sleep): how often it looks at every space, and the prices savings use.
    public struct Sleep: Sendable, Equatable {
        /// One pass over every space this often (60s).
        public var interval: ConfigDuration
        /// How long a wake may take before the caller gets DEADLINE_EXCEEDED, when it sets none (60s).
        public var wakeTimeout: ConfigDuration
        /// Price of one CPU core for one hour, a decimal ("0.03"); "0" leaves costs at 0.
        public var cpuHourPrice: String
        /// Price of one GiB of memory for one hour, a decimal ("0.004").
        public var memoryGiBHourPrice: String
    }
}

extension BerthConfig {
    /// The tenancy manager (berth-tenancy): the cluster it manages spaces in and the rules for spaces.
    public struct Tenancy: Sendable, Equatable {
        /// The cluster's name in Berth (a DNS-1123 label; `default`).
        public var clusterName: String
        /// Kubeconfig file for the cluster; `in-cluster` uses the pod's service account; "" connects none
        /// (spaces can then not be created).
        public var kubeconfig: String
        /// The kubeconfig context ("" = its current-context).
        public var kubeContext: String
        /// Full comparison of every space with the cluster this often (5m); changes seen on watches are acted
        /// on at once.
        public var resyncInterval: ConfigDuration
        /// How often each cluster's API is checked for its health (30s).
        public var healthCheckInterval: ConfigDuration
        /// Personal spaces (not in a team) a non-admin may have (3).
        public var personalSpaceLimit: Int
        /// What kube-apiserver puts before OIDC usernames and groups (`--oidc-username-prefix`,
        /// `--oidc-groups-prefix`): RoleBindings name subjects as the API server sees them (`berth:`).
        public var usernamePrefix: String
        public var groupsPrefix: String
    }
}

extension BerthConfig {
    /// Users, passwords and Berth's OIDC issuer (berth-identity). The issuer URL is `gateway.publicURL`; the
    /// bootstrap admin is `admin.bootstrapUser` / `admin.bootstrapPasswordFile`.
    public struct Identity: Sendable, Equatable {
        /// After this many failed password logins in a row a local user is locked out (5) …
        public var lockoutMaxFailures: Int
        /// … for this long (15m), doubling with each further lock-out until a successful login.
        public var lockoutDuration: ConfigDuration
        /// A new ES256 signing key after this long (720h); the old public key stays in the JWKS for
        /// `idTokenLifetime` after it was retired.
        public var signingKeyRotation: ConfigDuration
        /// How long an ID token is valid (1h).
        public var idTokenLifetime: ConfigDuration
        /// How long a login session lasts (12h).
        public var sessionLifetime: ConfigDuration
        /// The client ids tokens may be issued to (the `aud` claim), comma-separated (`berth-cli`).
        public var clientIDs: String

        /// The client id whose ID tokens the API and the services accept from people (the first of `clientIDs`:
        /// `berth-cli`, whose tokens the CLI, kubectl and the gateway carry).
        public var apiAudience: String {
            clientIDs.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "berth-cli"
        }
        /// `identity.connectors`: the configured LDAP and upstream OIDC connectors, as the YAML text of the list
        /// (`""` for none; the local connector always exists). berth-identity decodes and validates it
        /// (`IdentityService.ConnectorSettings`).
        public var connectors: String = ""
        /// A refresh token not used for this long expires (24h).
        public var refreshIdleLifetime: ConfigDuration
        /// A refresh token family ends this long after the login, however often it is used (168h); it also ends
        /// with its session.
        public var refreshAbsoluteLifetime: ConfigDuration
        /// A JSON file registering OAuth clients (redirect URIs, grants, hashed secrets); "" = only the built-in
        /// public `berth-cli`. Format in Services/Identity/IdentityService/README.md.
        public var clientsFile: String
    }
}

/// What an audit client does when berth-audit cannot be reached.
public enum AuditUnreachablePolicy: String, Sendable, Equatable, CaseIterable {
    case spool
    case refuse
}

/// How log lines are written: `logfmt` for people and journald, `json` for log shippers.
public enum LogFormat: String, Sendable, Equatable, CaseIterable {
    case logfmt
    case json
}

/// SQLite's `PRAGMA synchronous` for WAL databases. `full` fsyncs the WAL on every commit (no committed
/// transaction lost on power loss); `normal` may lose the last commits on power loss but never corrupts.
public enum SynchronousMode: String, Sendable, Equatable, CaseIterable {
    case full
    case normal
}

extension BerthConfig {
    /// The embedded defaults: what Berth runs on with no file, no environment and no flags.
    ///
    /// `binDir` has no fixed default (it is where the running executable lives), and `gateway.publicURL`
    /// defaults to whatever `gateway.listen` ends up as; `ConfigLoader` fills both in after the overrides.
    public static func defaults(binDir: String) -> BerthConfig {
        BerthConfig(
            paths: Paths(stateDir: "/var/lib/berth", runtimeDir: "/run/berth", binDir: binDir),
            log: Log(level: .info, format: .logfmt),
            rpc: RPC(maxMessageBytes: 4 * 1024 * 1024, defaultDeadline: .seconds(5), adminGroup: "berth-admin"),
            supervisor: Supervisor(
                stopGracePeriod: .seconds(10),
                restartBackoffInitial: .milliseconds(200),
                restartBackoffMax: .seconds(30),
                stableAfter: .seconds(60),
                crashLoopRestarts: 5,
                crashLoopWindow: .seconds(60),
                readinessTimeout: .seconds(30),
                watchdog: true),
            gateway: Gateway(
                listen: "http://127.0.0.1:7080", tls: Gateway.TLS(certFile: "", keyFile: ""),
                publicURL: "http://127.0.0.1:7080"),
            admin: Admin(bootstrapUser: "admin", bootstrapPasswordFile: ""),
            storage: Storage(synchronous: .full, busyTimeout: .seconds(5)),
            audit: Audit(
                checkpointEvery: 1000, checkpointInterval: .seconds(300), retentionMaxAge: .seconds(0),
                retentionMaxEvents: 0, fileSinkPath: "", fileSinkMaxBytes: 100 * 1024 * 1024, syslogSinkAddress: "",
                webhookSinkURL: "", webhookSinkSecretFile: "", clientTimeout: .seconds(2), whenUnreachable: .spool,
                kubernetesWebhookTokenFile: ""),
            tenancy: Tenancy(
                clusterName: "default", kubeconfig: "", kubeContext: "", resyncInterval: .seconds(300),
                healthCheckInterval: .seconds(30),
                personalSpaceLimit: 3, usernamePrefix: "berth:", groupsPrefix: "berth:"),
            identity: Identity(
                lockoutMaxFailures: 5, lockoutDuration: .seconds(15 * 60), signingKeyRotation: .seconds(720 * 3600),
                idTokenLifetime: .seconds(3600), sessionLifetime: .seconds(12 * 3600), clientIDs: "berth-cli",
                refreshIdleLifetime: .seconds(24 * 3600), refreshAbsoluteLifetime: .seconds(168 * 3600), clientsFile: ""),
            sleep: Sleep(interval: .seconds(60), wakeTimeout: .seconds(60), cpuHourPrice: "0", memoryGiBHourPrice: "0"))
    }
}
