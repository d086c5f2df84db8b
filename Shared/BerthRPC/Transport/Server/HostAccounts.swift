import Glibc

/// Look-ups in the host's user and group databases (NSS), with the reentrant calls: the RPC pool runs
/// handlers concurrently, and `getpwuid`/`getgrgid` share one static buffer.
public enum HostAccounts {
    public static func userName(of uid: UInt32) -> String? {
        withBuffer { buffer in
            guard let base = buffer.baseAddress else { return .done(nil) }
            var entry = passwd()
            var result: UnsafeMutablePointer<passwd>?
            let rc = getpwuid_r(uid, &entry, base, buffer.count, &result)
            if rc == ERANGE { return .retryLarger }
            guard rc == 0, let found = result, let name = found.pointee.pw_name else { return .done(nil) }
            return .done(String(cString: name))
        }
    }

    public static func groupName(of gid: UInt32) -> String? {
        withBuffer { buffer in
            guard let base = buffer.baseAddress else { return .done(nil) }
            var entry = group()
            var result: UnsafeMutablePointer<group>?
            let rc = getgrgid_r(gid, &entry, base, buffer.count, &result)
            if rc == ERANGE { return .retryLarger }
            guard rc == 0, let found = result, let name = found.pointee.gr_name else { return .done(nil) }
            return .done(String(cString: name))
        }
    }

    public static func groupID(named name: String) -> UInt32? {
        withBuffer { buffer in
            guard let base = buffer.baseAddress else { return .done(nil) }
            var entry = group()
            var result: UnsafeMutablePointer<group>?
            let rc = getgrnam_r(name, &entry, base, buffer.count, &result)
            if rc == ERANGE { return .retryLarger }
            guard rc == 0, let found = result else { return .done(nil) }
            return .done(found.pointee.gr_gid)
        }
    }

    enum Attempt<T> {
        case done(T)
        case retryLarger
    }

    /// Runs `body` with a scratch buffer, growing it when NSS answers ERANGE (large groups).
    private static func withBuffer<T>(_ body: (UnsafeMutableBufferPointer<CChar>) -> Attempt<T?>) -> T? {
        var size = 4096
        while size <= 1 << 20 {
            let buffer = UnsafeMutableBufferPointer<CChar>.allocate(capacity: size)
            defer { buffer.deallocate() }
            switch body(buffer) {
            case .done(let value): return value
            case .retryLarger: size *= 4
            }
        }
        return nil
    }
}
