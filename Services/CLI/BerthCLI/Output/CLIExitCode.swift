import ArgumentParser
import BerthRPC

/// The exit codes scripts can rely on (also in `berth --help`): what failed, not only that something did.
public enum CLIExitCode {
    public static let success: Int32 = 0
    /// The operation failed for another reason (the message says which).
    public static let failure: Int32 = 1
    /// Not signed in, or the login ended: run `berth login`.
    public static let loginRequired: Int32 = 2
    /// What was named does not exist.
    public static let notFound: Int32 = 3
    /// The caller may not do this.
    public static let permissionDenied: Int32 = 4
    /// It exists already, or conflicts with the current state (retry after reading it again).
    public static let conflict: Int32 = 5
    /// Berth (a service or the gateway) is not reachable or did not answer in time: retry later.
    public static let unavailable: Int32 = 6
    /// A quota or size limit was hit.
    public static let limitExceeded: Int32 = 7
    /// The command line was wrong (ArgumentParser's usage code).
    public static let usage: Int32 = 64

    static let help = """
        Exit codes: 0 success, 1 failure, 2 login needed, 3 not found, 4 permission denied, 5 conflict or \
        already exists, 6 Berth unavailable or timed out, 7 quota or size limit, 64 usage error.
        """

    /// The exit code for an error a command threw; nil leaves it to ArgumentParser (usage errors, `ExitCode`).
    public static func code(for error: any Error) -> Int32? {
        if error is LoginRequired { return loginRequired }
        if error is GatewayUnreachable { return unavailable }
        guard let rpc = error as? RPCClientError else { return nil }
        switch rpc.code {
        case .unauthenticated: return loginRequired
        case .notFound: return notFound
        case .permissionDenied: return permissionDenied
        case .alreadyExists, .aborted, .failedPrecondition: return conflict
        case .unavailable, .deadlineExceeded: return unavailable
        case .resourceExhausted: return limitExceeded
        default: return failure
        }
    }
}
