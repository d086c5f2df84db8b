#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The system user database (NSS), for the default authorizer's admin-group check.
public enum SystemGroups {
    /// The groups of `peer.uid`'s user (empty when the uid has no passwd entry).
    public static func groups(of peer: PeerCredentials) -> [UInt32] {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        let found = buffer.withUnsafeMutableBufferPointer { storage -> [UInt32]? in
            guard let base = storage.baseAddress,
                getpwuid_r(peer.uid, &entry, base, storage.count, &result) == 0, result != nil,
                let name = entry.pw_name
            else { return nil }
            var count: Int32 = 64
            var groups = [gid_t](repeating: 0, count: Int(count))
            if getgrouplist(name, peer.gid, &groups, &count) < 0 {
                groups = [gid_t](repeating: 0, count: Int(count))
                guard getgrouplist(name, peer.gid, &groups, &count) >= 0 else { return nil }
            }
            return Array(groups.prefix(Int(count))).map { UInt32($0) }
        }
        return found ?? []
    }

    /// Same, as a closure value for `PeerCredentialAuthorizer`.
    public static let supplementaryGroups: @Sendable (PeerCredentials) -> [UInt32] = { groups(of: $0) }
}
