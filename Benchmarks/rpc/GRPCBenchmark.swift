import BerthRPC
import Foundation
import NIOPosix

/// Unary echo through UnixRPCServer/UnixRPCClient: the full path (peer credentials, authorizer, dispatch).
enum GRPCBenchmark {
    enum Variant: String, CaseIterable {
        /// NIO's singleton event loop group (one thread per core); handlers on the Swift concurrency pool.
        case singletonGroup = "singleton-group"
        /// One dedicated event loop thread for server and client.
        case oneLoop = "one-loop"
        /// One dedicated event loop thread, and server handlers + client calls prefer it as their task executor.
        case oneLoopExecutor = "one-loop+executor"
    }

    static let echo = RPCMethod<BenchEcho, BenchEcho>(service: "berth.bench.v1.Echo", method: "Echo", access: .read)

    static func run(
        variant: Variant, socketPath: String, payload: [UInt8], calls: Int, callers: Int
    ) async throws -> Measurement {
        let group: MultiThreadedEventLoopGroup
        switch variant {
        case .singletonGroup: group = .singletonMultiThreadedEventLoopGroup
        case .oneLoop, .oneLoopExecutor: group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        }
        let preferLoop = variant == .oneLoopExecutor
        var router = RPCRouter()
        router.unary(echo) { request, _ in request }
        let server = UnixRPCServer(
            socketPath: socketPath, router: router,
            authorizer: PeerCredentialAuthorizer(serviceUID: getuid(), adminGroupIDs: []),
            eventLoopGroup: group, runsOnEventLoop: preferLoop)
        let client = UnixRPCClient(socketPath: socketPath, eventLoopGroup: group, runsOnEventLoop: preferLoop)
        let request = BenchEcho(bytes: payload)

        let measurement = try await withThrowingTaskGroup(of: Void.self) { serverGroup in
            serverGroup.addTask { try await server.run() }
            try await server.waitUntilListening()
            // Warm up: connection, HTTP/2 settings, allocator caches.
            for _ in 0..<500 { _ = try await client.unary(echo, request) }

            let start = ContinuousClock.now
            let perCaller = calls / callers
            let latencies = try await withThrowingTaskGroup(of: [Double].self) { callersGroup in
                for _ in 0..<callers {
                    callersGroup.addTask {
                        var latencies: [Double] = []
                        latencies.reserveCapacity(perCaller)
                        for _ in 0..<perCaller {
                            let callStart = ContinuousClock.now
                            let response = try await client.unary(echo, request)
                            precondition(response.bytes.count == payload.count)
                            latencies.append(microseconds(ContinuousClock.now - callStart))
                        }
                        return latencies
                    }
                }
                var all: [Double] = []
                for try await some in callersGroup { all += some }
                return all
            }
            let wall = microseconds(ContinuousClock.now - start) / 1e6
            await client.close()
            server.gracefulShutdown()
            try await serverGroup.waitForAll()
            return Measurement(latencies: latencies, wallSeconds: wall)
        }
        if variant != .singletonGroup { try await group.shutdownGracefully() }
        return measurement
    }
}

/// The benchmark's message: field 1 bytes, hand-encoded as the bridge would.
struct BenchEcho: WireMessage {
    var bytes: [UInt8]

    init(bytes: [UInt8]) { self.bytes = bytes }

    init(wireBytes: UnsafeRawBufferPointer) throws {
        // Key 0x0A, one- or two-byte length, payload (the benchmark's messages are < 16 KiB).
        guard wireBytes.count >= 2, wireBytes[0] == 0x0A else { throw BenchDecodingError() }
        var length = Int(wireBytes[1] & 0x7F)
        var offset = 2
        if wireBytes[1] & 0x80 != 0 {
            guard wireBytes.count >= 3 else { throw BenchDecodingError() }
            length |= Int(wireBytes[2]) << 7
            offset = 3
        }
        guard offset + length == wireBytes.count else { throw BenchDecodingError() }
        bytes = Array(wireBytes[offset...])
    }

    func wireBytes() throws -> [UInt8] {
        let length = bytes.count
        let header: [UInt8] = length < 0x80 ? [0x0A, UInt8(length)] : [0x0A, UInt8(length & 0x7F) | 0x80, UInt8(length >> 7)]
        return header + bytes
    }
}

struct BenchDecodingError: Error {}
