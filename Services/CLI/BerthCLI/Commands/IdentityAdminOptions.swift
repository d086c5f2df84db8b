import ArgumentParser
import BerthRPC
import BerthRuntime
import Foundation

/// Who the identity admin commands (`accesskey`, `user`, `group`) act as: `$BERTH_TOKEN` (an access key or ID
/// token) when set, else the cached login (`berth login`) while it is valid, else nothing, and then identity
/// accepts only a local admin (root or `rpc.adminGroup`) on its socket.
struct IdentityAdminOptions: ParsableArguments {
    @OptionGroup var client: ClientOptions

    func identity() throws -> any RPCCalling { try client.client(for: .identity) }

    var metadata: [String: String] { ClientOptions.callerMetadata() }

    func call<Request, Response>(_ method: RPCMethod<Request, Response>, _ request: Request) async throws -> Response {
        let identity = try identity()
        let result: Result<Response, RPCClientError>
        do {
            result = .success(try await identity.unary(method, request, metadata: metadata))
        } catch {
            result = .failure(error)
        }
        await identity.close()
        return try result.get()
    }
}

enum IdentityAdminFormat {
    static func date(_ seconds: Int64) -> String {
        seconds == 0 ? "-" : ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// `90d`, `12h`, `30m`, `3600s` or any `ConfigDuration` spelling → seconds.
    static func seconds(_ text: String) throws -> Int64 {
        if text.hasSuffix("d"), let days = Int64(text.dropLast()), days > 0 { return days * 86_400 }
        switch ConfigDuration.parse(text) {
        case .success(let duration): return duration.duration.components.seconds
        case .failure:
            throw ValidationErrorMessage("\"\(text)\" is not a duration: use e.g. 90d, 12h, 30m")
        }
    }
}
