import BerthKube
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Adapts Hummingbird requests to the fake's API logic and its answers back to HTTP (watches as chunked bodies).
struct FakeKubernetesResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let state: FakeKubernetesState
    /// `Options.authenticate`: nil accepts every request.
    var authenticate: (@Sendable (String?) async -> Bool)? = nil

    func respond(to request: Request, context: Context) async throws -> Response {
        let body = try await request.body.collect(upTo: 16 << 20)
        if let authenticate, await !authenticate(Self.bearerToken(request)) {
            return Self.response(.status(.unauthorized))
        }
        if let delay = await state.takeStall(method: request.method.rawValue, path: request.uri.path) {
            try await Task.sleep(for: delay)
        }
        let rawQuery = request.uri.query ?? ""
        let fakeRequest = FakeHTTPRequest(
            method: request.method.rawValue, path: request.uri.path, query: Self.parseQuery(rawQuery), rawQuery: rawQuery,
            accept: request.headers[.accept] ?? "", contentType: request.headers[.contentType] ?? "",
            userAgent: request.headers[.userAgent] ?? "", body: Data(body.readableBytesView))
        return Self.response(await state.handle(fakeRequest))
    }

    /// The token of an `Authorization: Bearer <token>` header; nil without one.
    static func bearerToken(_ request: Request) -> String? {
        guard let value = request.headers[.authorization], value.lowercased().hasPrefix("bearer ") else { return nil }
        return String(value.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
    }

    static func response(_ answer: FakeHTTPResponse) -> Response {
        switch answer {
        case .body(let status, let contentType, let data, let retryAfter):
            var headers: HTTPFields = [.contentType: contentType]
            if let retryAfter { headers[.retryAfter] = String(retryAfter) }
            return Response(
                status: HTTPResponse.Status(code: status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        case .watch(let initial, let stream, let continuation, let timeoutSeconds):
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody { writer in
                    // However the stream ends (timeout, client gone), the watcher is dropped at the next event.
                    defer { continuation.finish() }
                    for line in initial { try await writer.write(ByteBuffer(bytes: line)) }
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        // The server ends a watch after timeoutSeconds, as kube-apiserver does.
                        group.addTask {
                            try await Task.sleep(for: .seconds(timeoutSeconds))
                            continuation.finish()
                        }
                        for await line in stream { try await writer.write(ByteBuffer(bytes: line)) }
                        group.cancelAll()
                    }
                    try await writer.finish(nil)
                })
        }
    }

    /// Query parameters the way Go clients encode them (`+` is a space), percent-decoded.
    static func parseQuery(_ query: String) -> [String: String] {
        var parameters: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            guard let name = parts.first else { continue }
            parameters[name] = parts.count > 1 ? parts[1] : ""
        }
        return parameters
    }
}
