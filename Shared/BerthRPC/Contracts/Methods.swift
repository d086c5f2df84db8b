/// Every RPC method of every Berth service, declared once: servers register handlers for these and clients call
/// them, so the two cannot disagree on a path, a message type or the access a call needs.

extension AuditV1 {
    public static let serviceName = "berth.audit.v1.Audit"
    /// Appends a batch; acknowledged only once durable. Write.
    public static let append = RPCMethod<AppendRequest, AppendResponse>(
        service: serviceName, method: "Append", access: .write)
    /// The newest records, newest first. Read.
    public static let tail = RPCMethod<TailRequest, TailResponse>(service: serviceName, method: "Tail", access: .read)
    /// Filtered, paginated reads. Read.
    public static let query = RPCMethod<QueryRequest, QueryResponse>(
        service: serviceName, method: "Query", access: .read)
    /// Signed checkpoints, oldest first, and the public key. Read.
    public static let listCheckpoints = RPCMethod<ListCheckpointsRequest, ListCheckpointsResponse>(
        service: serviceName, method: "ListCheckpoints", access: .read)
    /// Recomputes the chain and checks every checkpoint signature. Read (it may take seconds on a large log).
    public static let verify = RPCMethod<VerifyRequest, VerifyResponse>(
        service: serviceName, method: "Verify", access: .read)
}

extension IdentityV1 {
    public static let serviceName = "berth.identity.v1.Identity"
    /// The caller as identity sees it. Read (any local user may ask who they are).
    public static let whoAmI = RPCMethod<WhoAmIRequest, WhoAmIResponse>(
        service: serviceName, method: "WhoAmI", access: .read)
}

extension TenancyV1 {
    public static let serviceName = "berth.tenancy.v1.Tenancy"
    public static let createTeam = RPCMethod<CreateTeamRequest, Team>(
        service: serviceName, method: "CreateTeam", access: .admin)
    public static let listTeams = RPCMethod<ListTeamsRequest, ListTeamsResponse>(
        service: serviceName, method: "ListTeams", access: .read)
}

extension SleepV1 {
    public static let serviceName = "berth.sleep.v1.Sleep"
    public static let setPolicy = RPCMethod<SetPolicyRequest, SpacePolicy>(
        service: serviceName, method: "SetPolicy", access: .write)
    public static let getPolicy = RPCMethod<GetPolicyRequest, SpacePolicy>(
        service: serviceName, method: "GetPolicy", access: .read)
}

extension GatewayV1 {
    public static let serviceName = "berth.gateway.v1.Gateway"
    public static let getListeners = RPCMethod<GetListenersRequest, GetListenersResponse>(
        service: serviceName, method: "GetListeners", access: .read)
}

extension SupervisorV1 {
    public static let serviceName = "berth.supervisor.v1.Supervisor"
    public static let status = RPCMethod<StatusRequest, StatusResponse>(
        service: serviceName, method: "Status", access: .read)
}

extension HealthV1 {
    public static let serviceName = "grpc.health.v1.Health"
    /// A read, so any caller the authorizer lets in for reads may ask; health messages are tiny.
    public static let check = RPCMethod<HealthCheckRequest, HealthCheckResponse>(
        service: serviceName, method: "Check", access: .read, maxMessageBytes: 4096)
}

extension AdminV1 {
    public static let serviceName = "berth.admin.v1.Admin"
    /// A consistent online copy of the service's database into a directory. Admin (root or berth-admin).
    public static let backup = RPCMethod<BackupRequest, BackupResponse>(
        service: serviceName, method: "Backup", access: .admin)
}
