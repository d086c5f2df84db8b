import BerthRPC
import Glibc

/// Answers `WhoAmI` from what the kernel says about the calling process (SO_PEERCRED) and the host's user
/// database: the one identity a local caller cannot forge.
struct WhoAmIHandler: Sendable {
    /// Members of this host group (and root) are local admins.
    let adminGroupName: String

    func answer(for peer: PeerCredentials) -> IdentityV1.WhoAmIResponse {
        let groupIDs = SystemGroups.groups(of: peer)
        let groupNames = groupIDs.compactMap(HostAccounts.groupName(of:))
        let adminGID = HostAccounts.groupID(named: adminGroupName)
        let isAdmin = peer.uid == 0 || (adminGID.map { groupIDs.contains($0) || peer.gid == $0 } ?? false)
        return IdentityV1.WhoAmIResponse(
            uid: peer.uid, gid: peer.gid, pid: peer.pid,
            username: HostAccounts.userName(of: peer.uid) ?? "",
            groups: groupNames, localAdmin: isAdmin, authenticatedBy: "peer-credentials")
    }
}
