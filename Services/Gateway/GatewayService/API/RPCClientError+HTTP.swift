import BerthRPC
import HTTPTypes

/// The one place where a service's gRPC status becomes an HTTP problem. The service's message (written for a
/// person: the thing, the problem, the fix) becomes the `detail`; `internal`/`unknown` details are not echoed
/// (they are logged with the request id instead).
extension RPCClientError {
    var problem: APIProblem {
        func make(_ status: HTTPResponse.Status, _ code: String, _ title: String) -> APIProblem {
            APIProblem(status: status, code: code, title: title, detail: message)
        }
        switch code {
        case .notFound: return make(.notFound, "not_found", "not found")
        case .permissionDenied: return make(.forbidden, "forbidden", "forbidden")
        case .unauthenticated: return .unauthenticated(message)
        case .alreadyExists: return make(.conflict, "already_exists", "already exists")
        case .invalidArgument: return make(.unprocessableContent, "invalid_argument", "invalid argument")
        case .failedPrecondition: return make(.conflict, "failed_precondition", "not possible in the current state")
        case .aborted: return make(.conflict, "conflict", "conflict")
        // A quota is a limit of the team's plan, not of request pace: retrying does not help, so 422, not 429.
        case .resourceExhausted: return make(.unprocessableContent, "quota_exceeded", "quota exceeded")
        case .outOfRange: return make(.badRequest, "out_of_range", "out of range")
        case .unimplemented: return make(.notImplemented, "unimplemented", "not implemented")
        case .unavailable: return make(.serviceUnavailable, "unavailable", "service unavailable")
        case .deadlineExceeded: return make(.gatewayTimeout, "deadline_exceeded", "service did not answer in time")
        case .cancelled: return make(.serviceUnavailable, "cancelled", "cancelled")
        default: return .internalError
        }
    }
}
