import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `berth login --browser`: a one-shot HTTP listener on 127.0.0.1:<random port> (RFC 8252 §7.3) that waits for
/// the browser to come back to `/callback?code=…&state=…`, answers a short page and closes.
final class LoginLoopbackListener: @unchecked Sendable {
    // @unchecked: owns one file descriptor, used by one blocking call at a time and closed in deinit.
    private let descriptor: Int32
    let port: UInt16

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else {
            throw ValidationErrorMessage("cannot open a loopback socket: \(String(cString: strerror(errno)))")
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(fd, generic, length) == 0 && listen(fd, 4) == 0 && getsockname(fd, generic, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw ValidationErrorMessage("cannot listen on 127.0.0.1: \(String(cString: strerror(errno)))")
        }
        descriptor = fd
        port = UInt16(bigEndian: address.sin_port)
    }

    deinit { close(descriptor) }

    var redirectURI: String { "http://127.0.0.1:\(port)/callback" }

    /// Waits (off the cooperative pool) for one request to `/callback` and returns its query parameters.
    func waitForCallback(timeoutSeconds: Int32) async throws -> [String: String] {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try self.acceptCallback(timeoutSeconds: timeoutSeconds) })
            }
        }
    }

    private func acceptCallback(timeoutSeconds: Int32) throws -> [String: String] {
        while true {
            var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&waiting, 1, timeoutSeconds * 1000) > 0 else {
                throw ValidationErrorMessage(
                    "no answer from the browser within \(timeoutSeconds)s: run berth login again")
            }
            let connection = accept(descriptor, nil, nil)
            guard connection >= 0 else { continue }
            defer { close(connection) }
            var buffer = [UInt8](repeating: 0, count: 8192)
            let count = read(connection, &buffer, buffer.count)
            guard count > 0 else { continue }
            let requestLine = String(decoding: buffer[0..<count], as: UTF8.self).split(separator: "\r\n").first ?? ""
            let parts = requestLine.split(separator: " ")
            guard parts.count >= 2, let components = URLComponents(string: String(parts[1])),
                components.path == "/callback"
            else {
                respond(connection, status: "404 Not Found", text: "Not the Berth login callback.")
                continue
            }
            var query: [String: String] = [:]
            for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
            let failed = query["error"] != nil
            respond(
                connection, status: "200 OK",
                text: failed
                    ? "Sign-in failed: return to your terminal." : "Signed in to Berth: you can close this tab.")
            return query
        }
    }

    private func respond(_ connection: Int32, status: String, text: String) {
        let body = "<!doctype html><html lang=\"en\"><title>Berth</title><p>\(text)</p></html>"
        let response =
            "HTTP/1.1 \(status)\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: \(body.utf8.count)\r\n"
            + "Connection: close\r\n\r\n" + body
        _ = Array(response.utf8).withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
    }
}
