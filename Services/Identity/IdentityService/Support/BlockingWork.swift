import Dispatch

/// Runs CPU-heavy or blocking work (scrypt: tens of milliseconds of memory-hard hashing per password, plus
/// SQLite) on a Dispatch thread, so that concurrent logins do not occupy the few threads of Swift's cooperative
/// pool that every RPC and the HTTP listener share.
enum BlockingWork {
    static func run<T: Sendable>(
        _ body: @escaping @Sendable () throws(IdentityError) -> T
    ) async throws(IdentityError) -> T {
        let result: Result<T, IdentityError> = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: Result { () throws(IdentityError) -> T in try body() })
            }
        }
        return try result.get()
    }
}
