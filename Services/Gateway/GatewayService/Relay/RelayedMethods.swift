import BerthModel
import BerthRPC

/// One method the gateway relays for the CLI: where it goes and how big its request may be.
struct RelayedMethod: Sendable {
    let service: ServiceName
    let descriptor: RPCMethodDescriptor
    let maxMessageBytes: Int

    init<Request, Response>(_ method: RPCMethod<Request, Response>, on service: ServiceName) {
        self.service = service
        self.descriptor = method.descriptor
        self.maxMessageBytes = method.maxMessageBytes
    }

    /// The same method with its messages left as bytes.
    var raw: RPCMethod<RawWireMessage, RawWireMessage> {
        RPCMethod(
            service: descriptor.service, method: descriptor.method, access: descriptor.access,
            maxMessageBytes: maxMessageBytes)
    }
}

/// The methods `berth` may call through the gateway (`POST /rpc/<service>/<method>`): the ones people and IT
/// tooling use, each of which decides what the forwarded token's principal may do (`PrincipalResolver`). Left
/// out on purpose: what only services call (audit `Append`, identity `VerifyToken`/`PasswordLogin`/`GetJWKS`,
/// sleep `RecordActivity`, the OAuth service), and what only makes sense on the host (`Admin/Backup`,
/// supervisor status), which `berth` runs over the local sockets; and `WhoAmI`, which answers for the socket's
/// peer (here the gateway itself): `berth whoami` asks the OIDC `userinfo` endpoint instead. A method not listed is answered 404, so adding
/// an RPC never exposes it remotely by accident.
enum RelayedMethods {
    static let all: [RelayedMethod] = [
        // identity
        .init(IdentityV1.createAccessKey, on: .identity),
        .init(IdentityV1.listAccessKeys, on: .identity),
        .init(IdentityV1.revokeAccessKey, on: .identity),
        .init(IdentityV1.listUsers, on: .identity),
        .init(IdentityV1.getUser, on: .identity),
        .init(IdentityV1.createUser, on: .identity),
        .init(IdentityV1.updateUser, on: .identity),
        .init(IdentityV1.deleteUser, on: .identity),
        .init(IdentityV1.listGroups, on: .identity),
        .init(IdentityV1.getGroup, on: .identity),
        .init(IdentityV1.createGroup, on: .identity),
        .init(IdentityV1.updateGroupMembers, on: .identity),
        .init(IdentityV1.deleteGroup, on: .identity),
        .init(IdentityV1.diagnoseLDAP, on: .identity),
        // tenancy
        .init(TenancyV1.createTeam, on: .tenancy),
        .init(TenancyV1.listTeams, on: .tenancy),
        .init(TenancyV1.updateTeamMembers, on: .tenancy),
        .init(TenancyV1.getTeamQuota, on: .tenancy),
        .init(TenancyV1.setTeamQuota, on: .tenancy),
        .init(TenancyV1.createSpace, on: .tenancy),
        .init(TenancyV1.getSpace, on: .tenancy),
        .init(TenancyV1.listSpaces, on: .tenancy),
        .init(TenancyV1.deleteSpace, on: .tenancy),
        .init(TenancyV1.upgradeSpace, on: .tenancy),
        .init(TenancyV1.listTemplates, on: .tenancy),
        .init(TenancyV1.createTemplate, on: .tenancy),
        .init(TenancyV1.getTemplate, on: .tenancy),
        .init(TenancyV1.addCluster, on: .tenancy),
        .init(TenancyV1.listClusters, on: .tenancy),
        .init(TenancyV1.removeCluster, on: .tenancy),
        .init(TenancyV1.getClusterEndpoint, on: .tenancy),
        // audit
        .init(AuditV1.tail, on: .audit),
        .init(AuditV1.query, on: .audit),
        .init(AuditV1.listCheckpoints, on: .audit),
        .init(AuditV1.verify, on: .audit),
        .init(AuditV1.createWebhook, on: .audit),
        .init(AuditV1.listWebhooks, on: .audit),
        .init(AuditV1.deleteWebhook, on: .audit),
        .init(AuditV1.listWebhookDeliveries, on: .audit),
        .init(AuditV1.redeliverWebhook, on: .audit),
        // sleep
        .init(SleepV1.setSleepPolicy, on: .sleep),
        .init(SleepV1.getSleepPolicy, on: .sleep),
        .init(SleepV1.wakeSpace, on: .sleep),
        .init(SleepV1.sleepSpace, on: .sleep),
        .init(SleepV1.keepAwake, on: .sleep),
        .init(SleepV1.getSleepState, on: .sleep),
        .init(SleepV1.savingsReport, on: .sleep),
    ]

    /// By `service/method`, e.g. `berth.tenancy.v1.Tenancy/ListSpaces`.
    static let byPath: [String: RelayedMethod] = Dictionary(
        all.map { ("\($0.descriptor.service)/\($0.descriptor.method)", $0) }, uniquingKeysWith: { first, _ in first })
}
