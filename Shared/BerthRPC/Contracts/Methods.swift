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
    /// Registers an outgoing webhook; the secret is returned once. Admin.
    public static let createWebhook = RPCMethod<CreateWebhookRequest, CreateWebhookResponse>(
        service: serviceName, method: "CreateWebhook", access: .admin, maxMessageBytes: 64 * 1024)
    /// The registered webhooks with delivery counts. Admin (their URLs may carry tokens).
    public static let listWebhooks = RPCMethod<ListWebhooksRequest, ListWebhooksResponse>(
        service: serviceName, method: "ListWebhooks", access: .admin)
    /// Removes a webhook and its queued deliveries. Admin.
    public static let deleteWebhook = RPCMethod<DeleteWebhookRequest, DeleteWebhookResponse>(
        service: serviceName, method: "DeleteWebhook", access: .admin, maxMessageBytes: 4096)
    /// A webhook's deliveries, newest first, with status. Admin.
    public static let listWebhookDeliveries = RPCMethod<ListWebhookDeliveriesRequest, ListWebhookDeliveriesResponse>(
        service: serviceName, method: "ListWebhookDeliveries", access: .admin)
    /// Queues a delivery again (delivered or failed), as a fresh series of attempts. Admin.
    public static let redeliverWebhook = RPCMethod<RedeliverWebhookRequest, RedeliverWebhookResponse>(
        service: serviceName, method: "RedeliverWebhook", access: .admin, maxMessageBytes: 4096)
}

extension IdentityV1 {
    public static let serviceName = "berth.identity.v1.Identity"
    /// The caller as identity sees it. Read (any local user may ask who they are).
    public static let whoAmI = RPCMethod<WhoAmIRequest, WhoAmIResponse>(
        service: serviceName, method: "WhoAmI", access: .read)
    /// Username/password login → session + ID token. Write (it changes failure counters and sessions), so only
    /// the gateway (the service user), root and local admins call it over the socket; people log in through the
    /// gateway. Small requests only.
    public static let passwordLogin = RPCMethod<PasswordLoginRequest, PasswordLoginResponse>(
        service: serviceName, method: "PasswordLogin", access: .write, maxMessageBytes: 16 * 1024)
    /// The issuer's public keys (JWKS). Read.
    public static let getJWKS = RPCMethod<GetJWKSRequest, GetJWKSResponse>(
        service: serviceName, method: "GetJWKS", access: .read, maxMessageBytes: 4096)
    /// The OIDC discovery document's fields. Read.
    public static let getDiscovery = RPCMethod<GetDiscoveryRequest, GetDiscoveryResponse>(
        service: serviceName, method: "GetDiscovery", access: .read, maxMessageBytes: 4096)
    /// Verifies an ID token Berth issued and returns its claims. Read.
    public static let verifyToken = RPCMethod<VerifyTokenRequest, VerifyTokenResponse>(
        service: serviceName, method: "VerifyToken", access: .read, maxMessageBytes: 64 * 1024)

    // Access keys and user/group administration. Declared `.read` at the socket so that any local user can
    // reach them with a bearer token (`authorization: Bearer <ID token or access key>` metadata); the handler
    // decides from that token (or, without one, requires a local admin: root, the service uid, rpc.adminGroup).
    public static let createAccessKey = RPCMethod<CreateAccessKeyRequest, CreateAccessKeyResponse>(
        service: serviceName, method: "CreateAccessKey", access: .read, maxMessageBytes: 16 * 1024)
    public static let listAccessKeys = RPCMethod<ListAccessKeysRequest, ListAccessKeysResponse>(
        service: serviceName, method: "ListAccessKeys", access: .read)
    public static let revokeAccessKey = RPCMethod<RevokeAccessKeyRequest, RevokeAccessKeyResponse>(
        service: serviceName, method: "RevokeAccessKey", access: .read)
    public static let listUsers = RPCMethod<ListUsersRequest, ListUsersResponse>(
        service: serviceName, method: "ListUsers", access: .read)
    public static let getUser = RPCMethod<GetUserRequest, UserRecord>(service: serviceName, method: "GetUser", access: .read)
    public static let createUser = RPCMethod<CreateUserRequest, UserRecord>(
        service: serviceName, method: "CreateUser", access: .read, maxMessageBytes: 64 * 1024)
    public static let updateUser = RPCMethod<UpdateUserRequest, UserRecord>(
        service: serviceName, method: "UpdateUser", access: .read, maxMessageBytes: 64 * 1024)
    public static let deleteUser = RPCMethod<DeleteUserRequest, DeleteUserResponse>(
        service: serviceName, method: "DeleteUser", access: .read)
    public static let listGroups = RPCMethod<ListGroupsRequest, ListGroupsResponse>(
        service: serviceName, method: "ListGroups", access: .read)
    public static let getGroup = RPCMethod<GetGroupRequest, GroupRecord>(
        service: serviceName, method: "GetGroup", access: .read)
    public static let createGroup = RPCMethod<CreateGroupRequest, GroupRecord>(
        service: serviceName, method: "CreateGroup", access: .read)
    public static let updateGroupMembers = RPCMethod<UpdateGroupMembersRequest, GroupRecord>(
        service: serviceName, method: "UpdateGroupMembers", access: .read)
    public static let deleteGroup = RPCMethod<DeleteGroupRequest, DeleteGroupResponse>(
        service: serviceName, method: "DeleteGroup", access: .read)
    /// Runs an LDAP connector's user lookup and reports the DN, filter, groups and why it fails
    /// (`berth admin ldap test`). Admin: root, the service user and local admins only (it can test passwords).
    public static let diagnoseLDAP = RPCMethod<DiagnoseLDAPRequest, DiagnoseLDAPResponse>(
        service: serviceName, method: "DiagnoseLDAP", access: .admin, maxMessageBytes: 1024 * 1024)
}

extension TenancyV1 {
    public static let serviceName = "berth.tenancy.v1.Tenancy"
    public static let createTeam = RPCMethod<CreateTeamRequest, Team>(
        service: serviceName, method: "CreateTeam", access: .admin)
    public static let listTeams = RPCMethod<ListTeamsRequest, ListTeamsResponse>(
        service: serviceName, method: "ListTeams", access: .read)
    public static let updateTeamMembers = RPCMethod<UpdateTeamMembersRequest, Team>(
        service: serviceName, method: "UpdateTeamMembers", access: .write)
    public static let createSpace = RPCMethod<CreateSpaceRequest, Space>(
        service: serviceName, method: "CreateSpace", access: .write)
    public static let getSpace = RPCMethod<GetSpaceRequest, Space>(service: serviceName, method: "GetSpace", access: .read)
    public static let listSpaces = RPCMethod<ListSpacesRequest, ListSpacesResponse>(
        service: serviceName, method: "ListSpaces", access: .read)
    public static let deleteSpace = RPCMethod<DeleteSpaceRequest, Space>(
        service: serviceName, method: "DeleteSpace", access: .write)
    public static let listTemplates = RPCMethod<ListTemplatesRequest, ListTemplatesResponse>(
        service: serviceName, method: "ListTemplates", access: .read)
    public static let createTemplate = RPCMethod<CreateTemplateRequest, Template>(
        service: serviceName, method: "CreateTemplate", access: .admin)
    public static let getTemplate = RPCMethod<GetTemplateRequest, Template>(
        service: serviceName, method: "GetTemplate", access: .read)
    public static let upgradeSpace = RPCMethod<UpgradeSpaceRequest, Space>(
        service: serviceName, method: "UpgradeSpace", access: .write)
    public static let addCluster = RPCMethod<AddClusterRequest, Cluster>(
        service: serviceName, method: "AddCluster", access: .admin)
    public static let listClusters = RPCMethod<ListClustersRequest, ListClustersResponse>(
        service: serviceName, method: "ListClusters", access: .read)
    public static let removeCluster = RPCMethod<RemoveClusterRequest, RemoveClusterResponse>(
        service: serviceName, method: "RemoveCluster", access: .admin)
    /// A cluster's API server URL and CA (no credentials), for people's kubeconfigs. Read.
    public static let getClusterEndpoint = RPCMethod<GetClusterEndpointRequest, ClusterEndpoint>(
        service: serviceName, method: "GetClusterEndpoint", access: .read, maxMessageBytes: 64 * 1024)
    public static let getTeamQuota = RPCMethod<GetTeamQuotaRequest, TeamQuotaStatus>(
        service: serviceName, method: "GetTeamQuota", access: .read)
    public static let setTeamQuota = RPCMethod<SetTeamQuotaRequest, TeamQuotaStatus>(
        service: serviceName, method: "SetTeamQuota", access: .admin)
}

extension SleepV1 {
    public static let serviceName = "berth.sleep.v1.Sleep"
    public static let setPolicy = RPCMethod<SetPolicyRequest, SpacePolicy>(
        service: serviceName, method: "SetPolicy", access: .write)
    public static let getPolicy = RPCMethod<GetPolicyRequest, SpacePolicy>(
        service: serviceName, method: "GetPolicy", access: .read)
    /// Moves each (cluster, namespace)'s last activity forward (never back). Write (the gateway sends it).
    public static let recordActivity = RPCMethod<RecordActivityRequest, RecordActivityResponse>(
        service: serviceName, method: "RecordActivity", access: .write)
    /// The last activity of a (cluster, namespace); NOT_FOUND when none was recorded. Read.
    public static let getActivity = RPCMethod<GetActivityRequest, Activity>(
        service: serviceName, method: "GetActivity", access: .read)
    /// Stores one level's policy (cluster, team or space). Write; admins (local) or the gateway.
    public static let setSleepPolicy = RPCMethod<SetSleepPolicyRequest, SleepPolicyView>(
        service: serviceName, method: "SetSleepPolicy", access: .write)
    /// A level's own policy, the effective one and where each value came from. Read.
    public static let getSleepPolicy = RPCMethod<GetSleepPolicyRequest, SleepPolicyView>(
        service: serviceName, method: "GetSleepPolicy", access: .read)
    /// Wakes a space; returns when every object is restored. Read at the socket: the handler decides per space
    /// (local admin by peer credentials, or a person's bearer token checked through tenancy's GetSpace).
    public static let wakeSpace = RPCMethod<WakeSpaceRequest, SleepState>(
        service: serviceName, method: "WakeSpace", access: .read)
    /// Puts a space to sleep now. Authorized per space like WakeSpace.
    public static let sleepSpace = RPCMethod<SleepSpaceRequest, SleepState>(
        service: serviceName, method: "SleepSpace", access: .read)
    /// Pins a space awake until a time (waking it). Authorized per space like WakeSpace.
    public static let keepAwake = RPCMethod<KeepAwakeRequest, SleepState>(
        service: serviceName, method: "KeepAwake", access: .read)
    /// Where a space is in its sleep cycle. Read.
    public static let getSleepState = RPCMethod<GetSleepStateRequest, SleepState>(
        service: serviceName, method: "GetSleepState", access: .read)
    /// Hours asleep and requests not held, per space and team, priced. Read.
    public static let savingsReport = RPCMethod<SavingsReportRequest, SavingsReport>(
        service: serviceName, method: "SavingsReport", access: .read)
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

/// The OAuth flows (oauth.proto), served on identity.sock. The gateway calls them for browsers and the CLI;
/// writes are the gateway's (service user), root's and local admins'.
extension IdentityV1 {
    public static let oauthServiceName = "berth.identity.v1.OAuth"
    /// Validates an authorization request and lists the login page's connectors. Read.
    public static let authorize = RPCMethod<AuthorizeRequest, AuthorizeResponse>(
        service: oauthServiceName, method: "Authorize", access: .read, maxMessageBytes: 16 * 1024)
    /// Password login from the login page → session + one-time authorization code. Write.
    public static let completeLogin = RPCMethod<CompleteLoginRequest, CompleteLoginResponse>(
        service: oauthServiceName, method: "CompleteLogin", access: .write, maxMessageBytes: 16 * 1024)
    /// The token endpoint: authorization_code, refresh_token, device_code grants. Write.
    public static let token = RPCMethod<TokenRequest, TokenResponse>(
        service: oauthServiceName, method: "Token", access: .write, maxMessageBytes: 64 * 1024)
    /// RFC 8628 device authorization. Write.
    public static let deviceAuthorization = RPCMethod<DeviceAuthorizationRequest, DeviceAuthorizationResponse>(
        service: oauthServiceName, method: "DeviceAuthorization", access: .write, maxMessageBytes: 16 * 1024)
    /// The /device page: sign in and approve or deny a user code. Write.
    public static let deviceVerification = RPCMethod<DeviceVerificationRequest, DeviceVerificationResponse>(
        service: oauthServiceName, method: "DeviceVerification", access: .write, maxMessageBytes: 16 * 1024)
    /// RFC 7009 revocation. Write.
    public static let revoke = RPCMethod<RevokeRequest, RevokeResponse>(
        service: oauthServiceName, method: "Revoke", access: .write, maxMessageBytes: 64 * 1024)
    /// OIDC userinfo for a bearer access token. Read.
    public static let userInfo = RPCMethod<UserInfoRequest, UserInfoResponse>(
        service: oauthServiceName, method: "UserInfo", access: .read, maxMessageBytes: 64 * 1024)
    /// RP-initiated logout: ends the session and its refresh tokens. Write.
    public static let logout = RPCMethod<LogoutRequest, LogoutResponse>(
        service: oauthServiceName, method: "Logout", access: .write, maxMessageBytes: 64 * 1024)
    /// `GET /login/<connector>`: the upstream authorization URL for a redirect connector. Write.
    public static let startUpstreamLogin = RPCMethod<StartUpstreamLoginRequest, StartUpstreamLoginResponse>(
        service: oauthServiceName, method: "StartUpstreamLogin", access: .write, maxMessageBytes: 16 * 1024)
    /// `GET /callback`: finishes an upstream login → session + code. Write.
    public static let finishUpstreamLogin = RPCMethod<FinishUpstreamLoginRequest, FinishUpstreamLoginResponse>(
        service: oauthServiceName, method: "FinishUpstreamLogin", access: .write, maxMessageBytes: 16 * 1024)
}

extension MetricsV1 {
    public static let serviceName = "berth.metrics.v1.Metrics"
    /// Every service serves it (`ServiceHost`); counts and latencies only, so any local caller may read.
    public static let scrape = RPCMethod<ScrapeRequest, ScrapeResponse>(
        service: serviceName, method: "Scrape", access: .read, maxMessageBytes: 4096)
}
