#if canImport(Glibc)
import Glibc
#endif
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// A gRPC server on a Unix socket that knows who each caller is (SO_PEERCRED) and checks it on every call.
///
/// `run()` prepares the socket path (creates the directory 0750 if missing, refuses when a live server already
/// answers there, removes a stale socket file), binds, chmods the socket 0660, serves until cancelled or
/// `gracefulShutdown()`, then removes the socket file (only if it is still the one it bound).
public final class UnixRPCServer: Sendable {
    public let socketPath: String
    private let router: RPCRouter
    private let dispatcher: RPCDispatcher
    private let eventLoopGroup: MultiThreadedEventLoopGroup
    /// Set when handlers should run on the event loop (`runsOnEventLoop`), not the concurrency pool.
    private let executor: EventLoopTaskExecutor?
    private let state = Mutex(State())
    private var logger: Logger { dispatcher.logger }

    struct State {
        var server: GRPCServer<HTTP2ServerTransport.Custom<UnixListenerFactory>>?
        var shutdownRequested = false
        var listening = false
        var finished = false
        var waiters: [CheckedContinuation<Void, any Error>] = []
    }

    /// - Parameters:
    ///   - socketPath: where to listen, e.g. `/run/berth/audit.sock` (from the runtime's socket paths).
    ///   - router: the handlers.
    ///   - authorizer: who may call what; see `PeerCredentialAuthorizer`.
    ///   - limits: server-wide limits; each method may lower the message limit.
    ///   - logger: the service's logger (`berth.<service>`).
    ///   - eventLoopGroup: the NIO threads for I/O.
    ///   - runsOnEventLoop: run handlers on one of `eventLoopGroup`'s threads instead of the Swift concurrency
    ///     pool: fewer thread hops per call (see `Benchmarks/rpc`), but a handler that blocks stalls I/O. Only
    ///     for handlers that never block (SQLite calls do: keep them off, or use a separate group).
    public init(
        socketPath: String, router: RPCRouter, authorizer: any RPCAuthorizer, limits: RPCLimits = .defaults,
        logger: Logger = Logger(label: "berth.rpc"),
        eventLoopGroup: MultiThreadedEventLoopGroup = .singletonMultiThreadedEventLoopGroup,
        runsOnEventLoop: Bool = false
    ) {
        self.socketPath = socketPath
        self.router = router
        self.dispatcher = RPCDispatcher(authorizer: authorizer, limits: limits, logger: logger)
        self.eventLoopGroup = eventLoopGroup
        self.executor = runsOnEventLoop ? EventLoopTaskExecutor(eventLoop: eventLoopGroup.next()) : nil
    }

    /// Serves until the task is cancelled or `gracefulShutdown()` is called (in-flight calls finish first).
    /// Under swift-service-lifecycle, a graceful shutdown of the service group does the same.
    public func run() async throws {
        try await withGracefulShutdownHandler {
            // Child tasks (connections, streams, handlers) inherit the executor preference.
            try await withTaskExecutorPreference(executor) { try await serve() }
        } onGracefulShutdown: {
            self.gracefulShutdown()
        }
    }

    private func serve() async throws {
        let socketFile = SocketFile(path: socketPath)
        let boundInode = Mutex<UInt64?>(nil)
        defer {
            socketFile.remove(ifInode: boundInode.withLock { $0 })
            resumeWaiters(finishing: true, error: RPCTransportError(
                code: .socketPath, message: "server on \(socketPath) stopped before it was listening"))
        }
        try socketFile.prepareForBind()

        let factory = UnixListenerFactory(socketPath: socketPath, eventLoopGroup: eventLoopGroup) {
            try socketFile.restrictPermissions()
            boundInode.withLock { $0 = socketFile.currentInode() }
        }
        let transport = HTTP2ServerTransport.Custom(listenerFactory: factory, config: transportConfig())
        var grpcRouter = GRPCCore.RPCRouter<HTTP2ServerTransport.Custom<UnixListenerFactory>>()
        for route in router.routes.values {
            route.register(into: &grpcRouter, dispatcher: dispatcher)
        }
        let server = GRPCServer(transport: transport, router: grpcRouter)
        let alreadyStopping = state.withLock { state -> Bool in
            state.server = server
            return state.shutdownRequested
        }
        if alreadyStopping { return }

        logger.info("rpc server starting", metadata: ["socket": "\(socketPath)", "methods": "\(router.routes.count)"])
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.serve() }
            group.addTask {
                // Readiness: the transport knows once the socket is bound and chmodded.
                if await transport.listeningAddress != nil {
                    self.resumeWaiters(finishing: false, error: nil)
                }
            }
            try await group.waitForAll()
        }
        logger.info("rpc server stopped", metadata: ["socket": "\(socketPath)"])
    }

    /// Stops accepting connections and calls; `run()` returns once the calls in flight have finished.
    ///
    /// The socket file goes first, so that a client connecting from now on is told at once that nothing serves
    /// here, rather than being accepted by a listener that is closing (grpc-swift's transport traps when a
    /// connection becomes active during its shutdown: "Deinited NIOAsyncWriter without calling finish()").
    public func gracefulShutdown() {
        let server = state.withLock { state in
            state.shutdownRequested = true
            return state.server
        }
        if server != nil { unlink(socketPath) }
        server?.beginGracefulShutdown()
    }

    /// Returns once the socket accepts connections; throws if `run()` ended first.
    public func waitUntilListening() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let ready: Bool? = state.withLock { state in
                if state.listening { return true }
                if state.finished { return false }
                state.waiters.append(continuation)
                return nil
            }
            switch ready {
            case true?: continuation.resume()
            case false?:
                continuation.resume(throwing: RPCTransportError(
                    code: .socketPath, message: "server on \(socketPath) is not running: start it with run()"))
            case nil: break
            }
        }
    }

    private func resumeWaiters(finishing: Bool, error: (any Error)?) {
        let waiters = state.withLock { state in
            if finishing { state.finished = true } else { state.listening = true }
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters {
            if let error, finishing { waiter.resume(throwing: error) } else { waiter.resume() }
        }
    }

    private func transportConfig() -> HTTP2ServerTransport.Custom<UnixListenerFactory>.Config {
        var config = HTTP2ServerTransport.Custom<UnixListenerFactory>.Config.defaults
        // Twice the limit at the transport: above its limit grpc-swift resets the stream (the caller sees
        // `unavailable`), while WireDeserializer answers `resourceExhausted` with the limit in the message.
        // So the exact limit is enforced there, and the transport only bounds what is buffered.
        let (doubled, overflow) = dispatcher.limits.maxMessageBytes.multipliedReportingOverflow(by: 2)
        config.rpc.maxRequestPayloadSize = overflow ? Int.max : doubled
        config.http2.maxConcurrentStreams = dispatcher.limits.maxConcurrentStreamsPerConnection
        return config
    }
}
