import GRPCCore
import GRPCNIOTransportHTTP2Posix
import NIOPosix
import Synchronization

/// A gRPC client for one Berth service's Unix socket.
///
/// Every call has a deadline (`defaultDeadline` unless the call gives one). While the service starts (no socket
/// yet, or nothing accepting), the client retries *connecting* for up to `connectRetry`; it never retries a call
/// that may have reached the server. Call `close()` when done.
public final class UnixRPCClient: Sendable {
    public let socketPath: String
    public let defaultDeadline: Duration
    public let connectRetry: Duration
    /// What to call the service in messages: `berth-audit` for `…/audit.sock`.
    let serviceLabel: String

    private let client: Result<GRPCClient<HTTP2ClientTransport.Posix>, RPCClientError>
    /// Owns the client's connection loop (grpc-swift needs one running task per client); ended by `close()`.
    private let connections: Task<Void, Never>?
    /// Set when calls should run on the event loop (`runsOnEventLoop`).
    private let executor: EventLoopTaskExecutor?
    /// True until a call succeeds, and again after `unavailable`: then the next call first checks the socket.
    private let needsProbe = Mutex(true)

    /// - Parameters:
    ///   - socketPath: the service's socket, e.g. `/run/berth/audit.sock` (from the runtime's socket paths).
    ///   - defaultDeadline: how long a call waits when it gives no deadline.
    ///   - connectRetry: how long a call keeps trying to connect while the service starts.
    ///   - eventLoopGroup: the NIO threads for I/O.
    ///   - runsOnEventLoop: await calls on an event loop thread instead of the concurrency pool (see
    ///     `UnixRPCServer.init`); measured in `Benchmarks/rpc`.
    public init(
        socketPath: String, defaultDeadline: Duration = .seconds(5), connectRetry: Duration = .seconds(2),
        eventLoopGroup: MultiThreadedEventLoopGroup = .singletonMultiThreadedEventLoopGroup,
        runsOnEventLoop: Bool = false
    ) {
        let executor = runsOnEventLoop ? EventLoopTaskExecutor(eventLoop: eventLoopGroup.next()) : nil
        self.executor = executor
        self.socketPath = socketPath
        self.defaultDeadline = defaultDeadline
        self.connectRetry = connectRetry
        self.serviceLabel = Self.serviceLabel(for: socketPath)
        do {
            let transport = try HTTP2ClientTransport.Posix(
                target: .unixDomainSocket(path: socketPath), transportSecurity: .plaintext,
                config: .defaults { config in
                    // A restarted service is back within a second; do not wait gRPC's default 1 s+ backoff.
                    config.backoff = .init(initial: .milliseconds(50), max: .seconds(1), multiplier: 1.6, jitter: 0.2)
                },
                eventLoopGroup: eventLoopGroup)
            let client = GRPCClient(transport: transport)
            self.client = .success(client)
            self.connections = Task(executorPreference: executor) { try? await client.runConnections() }
        } catch {
            self.client = .failure(
                RPCClientError(code: .internal, message: "cannot create a gRPC client for \(socketPath): \(error)"))
            self.connections = nil
        }
    }

    deinit {
        if case .success(let client) = client { client.beginGracefulShutdown() }
    }

    /// Calls a unary method and returns its response.
    ///
    /// - Parameters:
    ///   - deadline: how long to wait for the answer, including connecting; `defaultDeadline` when nil.
    ///   - metadata: request headers (e.g. `authorization`); never the caller's identity, which the server reads
    ///     from the socket.
    public func unary<Request, Response>(
        _ method: RPCMethod<Request, Response>, _ request: Request, deadline: Duration? = nil,
        metadata: [String: String] = [:]
    ) async throws(RPCClientError) -> Response {
        let client = try self.client.get()
        let timeout = deadline ?? defaultDeadline
        let start = ContinuousClock.now
        let probed = needsProbe.withLock { $0 }
        if probed {
            try await waitForSocket(until: start + min(connectRetry, timeout))
        }
        var options = CallOptions.defaults
        options.timeout = max(timeout - (ContinuousClock.now - start), .milliseconds(1))
        // Just saw the socket accept: let the call wait while gRPC's channel (maybe still backing off from
        // earlier failed attempts) reconnects; a queued call is not sent until connected, so it cannot run twice.
        // Otherwise fail fast with `unavailable`, which makes the next call probe again.
        options.waitForReady = probed
        var requestMetadata = Metadata()
        for (key, value) in metadata { requestMetadata.addString(value, forKey: key) }

        do {
            let response = try await withTaskExecutorPreference(executor) {
                try await client.unary(
                    request: ClientRequest(message: request, metadata: requestMetadata),
                    descriptor: MethodDescriptor(fullyQualifiedService: method.service, method: method.method),
                    serializer: WireSerializer<Request>(),
                    deserializer: WireDeserializer<Response>(maxBytes: .max, what: "\(method) response"),
                    options: options
                ) { response in try response.message }
            }
            needsProbe.withLock { $0 = false }
            return response
        } catch let error as RPCError {
            throw clientError(error, method: method.descriptor, timeout: timeout)
        } catch {
            throw RPCClientError(code: .unknown, message: "\(method) failed: \(error)")
        }
    }

    /// Stops the client: calls in flight finish, new calls fail. A graceful shutdown that has not finished after
    /// `timeout` (seen with a connection still backing off from failed attempts) is forced by cancelling the
    /// connections task, so that closing never hangs the caller (berthd's health probe closes a client per probe).
    public func close(timeout: Duration = .seconds(2)) async {
        if case .success(let client) = client { client.beginGracefulShutdown() }
        guard let connections else { return }
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await connections.value
                return true
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            if await group.next() == false { connections.cancel() }
            group.cancelAll()
        }
    }

    // MARK: - Connecting

    /// Polls the socket with a bare `connect(2)` until something accepts or `deadline` passes.
    private func waitForSocket(until deadline: ContinuousClock.Instant) async throws(RPCClientError) {
        while true {
            let outcome = UnixSocketProbe.probe(path: socketPath)
            switch outcome {
            case .listening:
                return
            case .permissionDenied:
                throw RPCClientError(
                    code: .permissionDenied,
                    message: "permission denied connecting to \(socketPath): the socket is for its group (mode 0660); "
                        + "run as root or as a member of the socket's group")
            case .failed(let code):
                throw RPCClientError(
                    code: .unavailable,
                    message: "cannot connect to \(serviceLabel) at \(socketPath): "
                        + "\(UnixSocketProbe.describe(errno: code))")
            case .missing, .refused:
                guard ContinuousClock.now < deadline else {
                    throw RPCClientError(code: .unavailable, message: notRunningMessage(outcome))
                }
                do {
                    try await Task.sleep(for: .milliseconds(20))
                } catch {
                    throw RPCClientError(code: .cancelled, message: "cancelled while waiting for \(serviceLabel) to start")
                }
            }
        }
    }

    private func notRunningMessage(_ outcome: UnixSocketProbe.Outcome) -> String {
        let hint = "(is berthd running? see `berthd status`)"
        if outcome == .missing {
            return "\(serviceLabel) is not running: no socket at \(socketPath) \(hint)"
        }
        return "\(serviceLabel) is not running: nothing accepts connections on \(socketPath) \(hint)"
    }

    private func clientError(_ error: RPCError, method: RPCMethodDescriptor, timeout: Duration) -> RPCClientError {
        let code = RPCStatusCode(rawValue: Status.Code(error.code).rawValue)
        switch code {
        case .unavailable:
            needsProbe.withLock { $0 = true }
            return RPCClientError(
                code: code,
                message: "\(serviceLabel) at \(socketPath) is unavailable (\(error.message)); "
                    + "the call to \(method) may not have run (is berthd running? see `berthd status`)")
        case .deadlineExceeded:
            return RPCClientError(
                code: code,
                message: "\(method) did not answer within \(timeout); it may still complete on the server "
                    + "(\(serviceLabel) busy or stuck? see its log)")
        default:
            return RPCClientError(code: code, message: error.message)
        }
    }

    static func serviceLabel(for socketPath: String) -> String {
        let file = socketPath.split(separator: "/").last.map(String.init) ?? socketPath
        let name = file.hasSuffix(".sock") ? String(file.dropLast(5)) : file
        return name.hasPrefix("berth") ? name : "berth-\(name)"
    }
}
