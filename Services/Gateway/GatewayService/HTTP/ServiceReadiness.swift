import BerthModel
import BerthRPC

/// Asks each service's health service whether it is SERVING, over its socket.
struct ServiceReadiness: Sendable {
    let sockets: [(ServiceName, String)]

    /// Per service: serving or the reason it is not.
    func check() async -> [(service: ServiceName, serving: Bool, detail: String)] {
        await withTaskGroup(of: (ServiceName, Bool, String).self) { group in
            for (service, path) in sockets {
                group.addTask {
                    do {
                        let response = try await UnixRPCClient.call(
                            socketPath: path, HealthV1.check, HealthV1.HealthCheckRequest(service: ""),
                            deadline: .seconds(1))
                        return (service, response.status == .serving, "\(response.status)")
                    } catch {
                        return (service, false, "\(error)")
                    }
                }
            }
            var results: [(service: ServiceName, serving: Bool, detail: String)] = []
            for await (service, serving, detail) in group { results.append((service, serving, detail)) }
            return results.sorted { $0.service < $1.service }
        }
    }
}
