import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

extension KubeClient {
    /// Sends `request`, retrying per `options.retry`: any request after 429, idempotent ones after 5xx, timeouts
    /// and connection failures. A non-2xx answer becomes a `KubeError` from its Status body.
    func send(_ request: KubeRequest) async throws -> KubeResponse {
        var attempt = 1
        while true {
            do {
                return try await sendOnce(request)
            } catch let error as KubeError {
                let retryable = error.code == .tooManyRequests || (request.idempotent && error.isRetryable)
                guard retryable, attempt < options.retry.maxAttempts else { throw error }
                let delay = options.retry.delay(afterAttempt: attempt, error: error, random: Double.random(in: 0..<1))
                logger.debug(
                    "retrying Kubernetes request",
                    metadata: ["request": "\(request.what)", "attempt": "\(attempt)", "error": "\(error.code)"])
                try await clock.sleep(for: delay)
                attempt += 1
            }
        }
    }

    func sendOnce(_ request: KubeRequest) async throws -> KubeResponse {
        let httpRequest = try makeHTTPRequest(request)
        do {
            let response = try await http.execute(httpRequest, timeout: TimeAmount(options.requestTimeout))
            let body = try await response.body.collect(upTo: 64 << 20)
            let data = Data(body.readableBytesView)
            let status = Int(response.status.code)
            guard (200..<300).contains(status) else {
                throw KubeError.fromResponse(
                    status: status, body: data, retryAfterHeader: response.headers.first(name: "Retry-After"),
                    what: request.what)
            }
            return KubeResponse(status: status, body: data)
        } catch let error as KubeError {
            throw error
        } catch let error as HTTPClientError where [.deadlineExceeded, .readTimeout, .connectTimeout].contains(error) {
            throw KubeError(.timeout, "\(request.what): no answer within \(options.requestTimeout): is the API server overloaded?")
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw KubeError(
                .transport, "\(request.what): cannot reach \(connection.server.absoluteString) (\(error)): check the server address and TLS settings")
        }
    }

    func makeHTTPRequest(_ request: KubeRequest) throws -> HTTPClientRequest {
        var httpRequest = HTTPClientRequest(url: request.url(server: connection.server))
        httpRequest.method = request.method
        httpRequest.headers.add(name: "Accept", value: request.accept)
        httpRequest.headers.add(name: "User-Agent", value: options.userAgent)
        if let token = try bearerToken() { httpRequest.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body = request.body {
            httpRequest.headers.add(name: "Content-Type", value: request.contentType ?? "application/json")
            httpRequest.body = .bytes(ByteBuffer(bytes: body))
        }
        return httpRequest
    }

    func bearerToken() throws -> String? {
        switch connection.credentials {
        case .bearerToken(let token): return token
        case .tokenFile: return try tokenFile?.token()
        case .none, .clientCertificate: return nil
        }
    }
}

