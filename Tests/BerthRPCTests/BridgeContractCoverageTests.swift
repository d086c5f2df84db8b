import BerthRPC
import CBerthProto
import XCTest

/// Every message compiled from proto/ has a Contracts type, and each type's properties are exactly the
/// lowerCamelCase names of its proto fields (a drift guard for when a .proto changes).
final class BridgeContractCoverageTests: XCTestCase {
    static let contracts: [any ProtoMessage.Type] = [
        AdminV1.BackupRequest.self, AdminV1.BackupResponse.self,
        AuditV1.Actor.self, AuditV1.Target.self, AuditV1.Event.self, AuditV1.AppendRequest.self,
        AuditV1.AppendResponse.self, AuditV1.Record.self, AuditV1.TailRequest.self, AuditV1.TailResponse.self,
        AuditV1.QueryRequest.self, AuditV1.QueryResponse.self, AuditV1.Checkpoint.self,
        AuditV1.ListCheckpointsRequest.self, AuditV1.ListCheckpointsResponse.self, AuditV1.VerifyRequest.self,
        AuditV1.VerifyResponse.self,
        AuditV1.Webhook.self, AuditV1.CreateWebhookRequest.self, AuditV1.CreateWebhookResponse.self,
        AuditV1.ListWebhooksRequest.self, AuditV1.ListWebhooksResponse.self, AuditV1.DeleteWebhookRequest.self,
        AuditV1.DeleteWebhookResponse.self, AuditV1.WebhookDelivery.self, AuditV1.ListWebhookDeliveriesRequest.self,
        AuditV1.ListWebhookDeliveriesResponse.self, AuditV1.RedeliverWebhookRequest.self,
        AuditV1.RedeliverWebhookResponse.self, TenancyV1.GetClusterEndpointRequest.self, TenancyV1.ClusterEndpoint.self,
        TenancyV1.TeamUsage.self, TenancyV1.GetTeamQuotaRequest.self, TenancyV1.SetTeamQuotaRequest.self,
        TenancyV1.TeamQuotaStatus.self,
        GatewayV1.GetListenersRequest.self, GatewayV1.Listener.self, GatewayV1.GetListenersResponse.self,
        MetricsV1.ScrapeRequest.self, MetricsV1.ScrapeResponse.self,
        IdentityV1.WhoAmIRequest.self, IdentityV1.WhoAmIResponse.self, IdentityV1.PasswordLoginRequest.self,
        IdentityV1.PasswordLoginResponse.self, IdentityV1.JsonWebKey.self, IdentityV1.GetJWKSRequest.self,
        IdentityV1.GetJWKSResponse.self, IdentityV1.GetDiscoveryRequest.self, IdentityV1.GetDiscoveryResponse.self,
        IdentityV1.VerifyTokenRequest.self, IdentityV1.VerifyTokenResponse.self,
        IdentityV1.AccessKey.self, IdentityV1.CreateAccessKeyRequest.self, IdentityV1.CreateAccessKeyResponse.self,
        IdentityV1.ListAccessKeysRequest.self, IdentityV1.ListAccessKeysResponse.self,
        IdentityV1.RevokeAccessKeyRequest.self, IdentityV1.RevokeAccessKeyResponse.self,
        IdentityV1.UserRecord.self, IdentityV1.ListUsersRequest.self, IdentityV1.ListUsersResponse.self,
        IdentityV1.GetUserRequest.self, IdentityV1.CreateUserRequest.self, IdentityV1.UpdateUserRequest.self,
        IdentityV1.DeleteUserRequest.self, IdentityV1.DeleteUserResponse.self, IdentityV1.GroupRecord.self,
        IdentityV1.ListGroupsRequest.self, IdentityV1.ListGroupsResponse.self, IdentityV1.GetGroupRequest.self,
        IdentityV1.CreateGroupRequest.self, IdentityV1.UpdateGroupMembersRequest.self,
        IdentityV1.DeleteGroupRequest.self, IdentityV1.DeleteGroupResponse.self,
        IdentityV1.DiagnoseLDAPRequest.self, IdentityV1.LDAPGroupResolution.self, IdentityV1.DiagnoseLDAPResponse.self,
        IdentityV1.AuthorizationParameters.self, IdentityV1.LoginConnector.self, IdentityV1.AuthorizeRequest.self,
        IdentityV1.AuthorizeResponse.self, IdentityV1.CompleteLoginRequest.self,
        IdentityV1.CompleteLoginResponse.self, IdentityV1.TokenRequest.self, IdentityV1.TokenResponse.self,
        IdentityV1.DeviceAuthorizationRequest.self, IdentityV1.DeviceAuthorizationResponse.self,
        IdentityV1.DeviceVerificationRequest.self, IdentityV1.DeviceVerificationResponse.self,
        IdentityV1.RevokeRequest.self, IdentityV1.RevokeResponse.self, IdentityV1.UserInfoRequest.self,
        IdentityV1.UserInfoResponse.self, IdentityV1.LogoutRequest.self, IdentityV1.LogoutResponse.self,
        IdentityV1.StartUpstreamLoginRequest.self, IdentityV1.StartUpstreamLoginResponse.self,
        IdentityV1.FinishUpstreamLoginRequest.self, IdentityV1.FinishUpstreamLoginResponse.self,
        SleepV1.SpacePolicy.self, SleepV1.SetPolicyRequest.self, SleepV1.GetPolicyRequest.self, SleepV1.Activity.self,
        SleepV1.RecordActivityRequest.self, SleepV1.RecordActivityResponse.self, SleepV1.GetActivityRequest.self,
        SleepV1.SleepPolicy.self, SleepV1.PolicySource.self, SleepV1.SetSleepPolicyRequest.self,
        SleepV1.GetSleepPolicyRequest.self, SleepV1.SleepPolicyView.self, SleepV1.SpaceRef.self,
        SleepV1.WakeSpaceRequest.self, SleepV1.SleepSpaceRequest.self, SleepV1.KeepAwakeRequest.self,
        SleepV1.GetSleepStateRequest.self, SleepV1.SleepState.self, SleepV1.SavingsReportRequest.self,
        SleepV1.Savings.self, SleepV1.SavingsReport.self,
        SupervisorV1.ServiceStatus.self, SupervisorV1.StatusRequest.self, SupervisorV1.StatusResponse.self,
        TenancyV1.Team.self, TenancyV1.CreateTeamRequest.self, TenancyV1.ListTeamsRequest.self,
        TenancyV1.ListTeamsResponse.self, TenancyV1.TeamMember.self, TenancyV1.TeamQuota.self, TenancyV1.KeyValue.self,
        TenancyV1.Space.self, TenancyV1.CreateSpaceRequest.self, TenancyV1.GetSpaceRequest.self,
        TenancyV1.ListSpacesRequest.self, TenancyV1.ListSpacesResponse.self, TenancyV1.DeleteSpaceRequest.self,
        TenancyV1.TemplateParameter.self, TenancyV1.Template.self, TenancyV1.ListTemplatesRequest.self,
        TenancyV1.ListTemplatesResponse.self, TenancyV1.CreateTemplateRequest.self, TenancyV1.GetTemplateRequest.self,
        TenancyV1.UpgradeSpaceRequest.self, TenancyV1.Cluster.self, TenancyV1.AddClusterRequest.self,
        TenancyV1.ListClustersRequest.self, TenancyV1.ListClustersResponse.self, TenancyV1.RemoveClusterRequest.self,
        TenancyV1.RemoveClusterResponse.self, TenancyV1.UpdateTeamMembersRequest.self,
        HealthV1.HealthCheckRequest.self, HealthV1.HealthCheckResponse.self,
        TestingV1.Inner.self, TestingV1.Scalars.self, TestingV1.Composite.self,
    ]

    /// Full names of the compiled messages, without the generated map entry types.
    private var compiledMessages: [String: UnsafePointer<ProtobufCMessageDescriptor>] {
        var result: [String: UnsafePointer<ProtobufCMessageDescriptor>] = [:]
        for index in 0..<berth_proto_message_descriptor_count() {
            guard let descriptor = berth_proto_message_descriptor_at(index) else { continue }
            let name = String(cString: descriptor.pointee.name)
            if !name.hasSuffix("Entry") { result[name] = descriptor }
        }
        return result
    }

    private static func lowerCamelCase(_ name: String) -> String {
        let parts = name.split(separator: "_")
        return parts.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.capitalized }.joined()
    }

    private static func propertyNames<M: ProtoMessage>(_ type: M.Type) throws -> Set<String> {
        Set(Mirror(reflecting: try ProtoCodec.decode(type, from: [])).children.compactMap(\.label))
    }

    func testEveryCompiledMessageHasAContractType() {
        XCTAssertEqual(Set(Self.contracts.map { $0.protoMessageName }), Set(compiledMessages.keys))
    }

    func testContractPropertiesMatchProtoFields() throws {
        let compiled = compiledMessages
        for type in Self.contracts {
            guard let descriptor = compiled[type.protoMessageName] else { continue }
            let fields = (0..<Int(descriptor.pointee.n_fields)).map {
                Self.lowerCamelCase(String(cString: descriptor.pointee.fields[$0].name))
            }
            XCTAssertEqual(try Self.propertyNames(type), Set(fields), type.protoMessageName)
        }
    }
}
