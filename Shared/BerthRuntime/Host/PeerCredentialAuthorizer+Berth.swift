import BerthRPC
import Glibc

extension PeerCredentialAuthorizer {
    /// Berth's socket policy: the service's own user (`berth` under systemd) and root may call everything,
    /// members of `adminGroup` (`rpc.adminGroup`, default `berth-admin`) may call admin and write RPCs from the
    /// host, every other local user may only read. A missing group simply grants nobody admin rights.
    public static func berth(adminGroup: String) -> PeerCredentialAuthorizer {
        PeerCredentialAuthorizer(
            serviceUID: getuid(), adminGroupIDs: HostAccounts.groupID(named: adminGroup).map { [$0] } ?? [])
    }
}
