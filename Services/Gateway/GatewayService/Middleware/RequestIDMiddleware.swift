import Foundation
import HTTPTypes
import Hummingbird

/// Gives every request an id: the client's `X-Request-Id` when it is 1–128 visible ASCII characters (so it can
/// go into logs and headers unescaped), a fresh UUID otherwise. It is echoed on the response, carried by every
/// log line of the request (metadata `request_id`) and written into problem answers.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    static let header = HTTPField.Name.literal("X-Request-Id")

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        let id = Self.acceptable(request.headers[Self.header]) ?? UUID().uuidString.lowercased()
        context.requestID = id
        context.logger[metadataKey: "request_id"] = "\(id)"
        var response = try await next(request, context)
        response.headers[Self.header] = id
        return response
    }

    static func acceptable(_ value: String?) -> String? {
        guard let value, (1...128).contains(value.utf8.count),
            value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else { return nil }
        return value
    }
}
