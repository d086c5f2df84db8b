import BerthRPC
import Foundation

/// berth-identity as SCIM sees it: every call carries the SCIM client's bearer access key, so identity decides
/// (and audits) as that key; the gateway's own socket identity adds nothing.
struct SCIMIdentity: Sendable {
    let client: UnixRPCClient
    let bearer: String

    func call<Request, Response>(_ method: RPCMethod<Request, Response>, _ request: Request) async throws(SCIMError)
        -> Response
    {
        do {
            return try await client.unary(
                method, request, deadline: .seconds(5), metadata: ["authorization": "Bearer \(bearer)"])
        } catch {
            throw Self.scimError(error)
        }
    }

    /// identity's status → the SCIM answer. The message is identity's (it names the thing and the fix).
    static func scimError(_ error: RPCClientError) -> SCIMError {
        switch error.code {
        case .notFound: SCIMError(status: .notFound, scimType: nil, detail: error.message)
        case .alreadyExists: SCIMError(status: .conflict, scimType: "uniqueness", detail: error.message)
        case .invalidArgument: SCIMError(status: .badRequest, scimType: "invalidValue", detail: error.message)
        case .permissionDenied: SCIMError(status: .forbidden, scimType: nil, detail: error.message)
        case .unauthenticated: SCIMError(status: .unauthorized, scimType: nil, detail: error.message)
        case .unavailable, .deadlineExceeded:
            SCIMError(status: .serviceUnavailable, scimType: nil, detail: "berth-identity: \(error.message)")
        default: SCIMError(status: .internalServerError, scimType: nil, detail: "berth-identity: \(error.message)")
        }
    }
}
