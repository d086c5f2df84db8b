/// The default policy from peer credentials alone.
///
/// - the service's own uid and root (uid 0) may call everything;
/// - members of an admin group (primary gid from SO_PEERCRED, or a supplementary group of the uid) may call
///   everything;
/// - any other uid may call only the kinds in `otherUsersMay` (`.read` by default).
///
/// The policy is a value: the service builds it from its configuration and passes it to `UnixRPCServer`.
public struct PeerCredentialAuthorizer: RPCAuthorizer {
    public let serviceUID: UInt32
    public let adminGroupIDs: Set<UInt32>
    public let otherUsersMay: Set<RPCAccess>
    /// Supplementary groups of a uid; the default asks the system user database (NSS) on each admin check
    /// that the faster checks did not settle.
    private let supplementaryGroups: @Sendable (PeerCredentials) -> [UInt32]

    public init(
        serviceUID: UInt32, adminGroupIDs: Set<UInt32>, otherUsersMay: Set<RPCAccess> = [.read],
        supplementaryGroups: @escaping @Sendable (PeerCredentials) -> [UInt32] = SystemGroups.supplementaryGroups
    ) {
        self.serviceUID = serviceUID
        self.adminGroupIDs = adminGroupIDs
        self.otherUsersMay = otherUsersMay
        self.supplementaryGroups = supplementaryGroups
    }

    public func authorize(
        _ peer: PeerCredentials, for method: RPCMethodDescriptor, metadata: [String: String]
    ) -> RPCAuthorizationDecision {
        if peer.uid == serviceUID || peer.uid == 0 { return .allow }
        if otherUsersMay.contains(method.access) { return .allow }
        if !adminGroupIDs.isEmpty {
            if adminGroupIDs.contains(peer.gid) { return .allow }
            if supplementaryGroups(peer).contains(where: adminGroupIDs.contains) { return .allow }
        }
        return .deny(requirement: requirement(for: method.access))
    }

    private func requirement(for access: RPCAccess) -> String {
        let groups = adminGroupIDs.sorted().map(String.init).joined(separator: ", ")
        let admins = adminGroupIDs.isEmpty ? "" : ", or membership of admin group(s) \(groups)"
        return "the service's uid \(serviceUID), root\(admins) for \(access) calls"
    }
}
