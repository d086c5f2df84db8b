import Hummingbird
import NIOCore

/// Refuses a body over `maxBytes` with 413 before a handler reads it: by `Content-Length` at once, and for a
/// chunked body by collecting at most `maxBytes` (the collected buffer is handed on, so handlers read it again
/// without a second limit). Routes with their own larger limit (the Kubernetes audit webhook) are not behind it.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    let maxBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let tooLarge = APIProblem.tooLarge(limit: maxBytes).response(requestID: context.requestID)
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes { return tooLarge }
        guard request.method == .post || request.method == .put || request.method == .patch else {
            return try await next(request, context)
        }
        var request = request
        do {
            let buffer = try await request.body.collect(upTo: maxBytes)
            request.body = RequestBody(buffer: buffer)
        } catch is NIOTooManyBytesError {
            return tooLarge
        }
        return try await next(request, context)
    }
}
