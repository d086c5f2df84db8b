import BerthRPC
import BerthRuntime

/// Tenancy's use of the shared `PrincipalResolver`: its refusals as tenancy errors.
struct CallerResolver: Sendable {
    let resolver: PrincipalResolver

    func caller(of context: RPCCallContext) async throws(TenancyError) -> Caller {
        do {
            return try await resolver.principal(of: context)
        } catch {
            let code: TenancyError.Code =
                switch error.code {
                case .unavailable: .unavailable
                case .permissionDenied: .permissionDenied
                default: .unauthenticated
                }
            throw TenancyError(code: code, message: error.message)
        }
    }
}
