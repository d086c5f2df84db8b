import AsyncHTTPClient
import Foundation
import NIOCore

/// One event of a watch stream.
public struct WatchEvent: Sendable {
    public enum Kind: String, Sendable {
        case added = "ADDED", modified = "MODIFIED", deleted = "DELETED", bookmark = "BOOKMARK"
    }
    public var kind: Kind
    /// The object (for BOOKMARK only `metadata.resourceVersion` is meaningful).
    public var object: KubeObject
}

/// A watch: the API server's chunked stream of JSON events, one per line, read as an async sequence.
/// It ends when the server closes the stream (its `timeoutSeconds`); resume from the last event's resourceVersion.
/// An ERROR event with code 410 throws `KubeError` `.gone`: list again and watch from the list's resourceVersion.
public struct KubeWatch: AsyncSequence, Sendable {
    public typealias Element = WatchEvent
    let body: HTTPClientResponse.Body
    let what: String

    public struct AsyncIterator: AsyncIteratorProtocol {
        var chunks: HTTPClientResponse.Body.AsyncIterator
        var buffer = Data()
        let what: String

        public mutating func next() async throws -> WatchEvent? {
            while true {
                if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = buffer[buffer.startIndex..<newline]
                    buffer = Data(buffer[buffer.index(after: newline)...])
                    if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) { continue }
                    return try Self.decode(Data(line), what: what)
                }
                guard let chunk = try await chunks.next() else {
                    if buffer.isEmpty { return nil }
                    let rest = buffer
                    buffer = Data()
                    return try Self.decode(rest, what: what)
                }
                buffer.append(contentsOf: chunk.readableBytesView)
            }
        }

        static func decode(_ line: Data, what: String) throws -> WatchEvent {
            let json: JSONValue
            do {
                json = try JSONValue.decode(line)
            } catch {
                throw KubeError(.badResponse, "\(what): a watch event is not JSON: is this a Kubernetes API server?")
            }
            let type = json["type"]?.stringValue ?? ""
            let object = json["object"] ?? .null
            if type == "ERROR" {
                let status = Int(object["code"]?.intValue ?? 500)
                throw KubeError.fromResponse(status: status, body: (try? object.jsonData()) ?? Data(), retryAfterHeader: nil, what: what)
            }
            guard let kind = WatchEvent.Kind(rawValue: type) else {
                throw KubeError(.badResponse, "\(what): unknown watch event type \"\(type)\"")
            }
            return WatchEvent(kind: kind, object: KubeObject(json: object))
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(chunks: body.makeAsyncIterator(), what: what)
    }
}

extension KubeClient {
    /// Opens a watch from `resourceVersion` (nil or "" = from now, after synthetic ADDED events for what exists).
    /// The server ends it after `timeoutSeconds`; the request deadline is that plus the request timeout.
    public func watch(
        _ resource: KubeResource, namespace: String? = nil, selector: LabelSelector? = nil,
        resourceVersion: String? = nil, allowBookmarks: Bool = true, timeoutSeconds: Int = 300
    ) async throws -> KubeWatch {
        var query: [(String, String)] = [("watch", "true"), ("timeoutSeconds", String(timeoutSeconds))]
        if let resourceVersion, !resourceVersion.isEmpty { query.append(("resourceVersion", resourceVersion)) }
        if allowBookmarks { query.append(("allowWatchBookmarks", "true")) }
        if let selector, !selector.requirements.isEmpty { query.append(("labelSelector", selector.description)) }
        let what = "watch \(resource)\(namespace.map { " in \($0)" } ?? "")"
        let request = KubeRequest(method: .GET, path: resource.path(namespace: namespace), query: query, idempotent: true, what: what)
        let httpRequest = try makeHTTPRequest(request)
        let response: HTTPClientResponse
        do {
            response = try await http.execute(
                httpRequest, timeout: TimeAmount(.seconds(timeoutSeconds) + options.requestTimeout))
        } catch {
            throw KubeError(.transport, "\(what): cannot reach \(connection.server.absoluteString) (\(error))")
        }
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            let body = try await response.body.collect(upTo: 1 << 20)
            throw KubeError.fromResponse(
                status: status, body: Data(body.readableBytesView), retryAfterHeader: response.headers.first(name: "Retry-After"),
                what: what)
        }
        return KubeWatch(body: response.body, what: what)
    }
}
