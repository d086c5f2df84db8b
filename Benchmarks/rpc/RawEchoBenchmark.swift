import Foundation

/// The floor: 4-byte length + payload over a POSIX Unix socket, a thread per connection on each side.
enum RawEchoBenchmark {
    static func run(socketPath: String, payload: [UInt8], calls: Int, callers: Int) throws -> Measurement {
        unlink(socketPath)
        let listener = try listen(on: socketPath)
        defer {
            close(listener)
            unlink(socketPath)
        }
        let serverThreads = (0..<callers).map { _ in
            Thread {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { return }
                defer { close(connection) }
                var buffer = [UInt8](repeating: 0, count: 64 * 1024)
                while let length = readFrame(connection, into: &buffer) {
                    guard writeFrame(connection, buffer, count: length) else { return }
                }
            }
        }
        serverThreads.forEach { $0.start() }

        let perCaller = calls / callers
        let results = LatencyCollector()
        let done = DispatchGroup()
        let start = ContinuousClock.now
        for _ in 0..<callers {
            done.enter()
            Thread {
                defer { done.leave() }
                guard let fd = try? connect(to: socketPath) else { return }
                defer { close(fd) }
                var reply = [UInt8](repeating: 0, count: 64 * 1024)
                var latencies: [Double] = []
                latencies.reserveCapacity(perCaller)
                for _ in 0..<perCaller {
                    let callStart = ContinuousClock.now
                    guard writeFrame(fd, payload, count: payload.count), readFrame(fd, into: &reply) == payload.count
                    else { return }
                    latencies.append(microseconds(ContinuousClock.now - callStart))
                }
                results.add(latencies)
            }.start()
        }
        done.wait()
        return Measurement(latencies: results.all, wallSeconds: microseconds(ContinuousClock.now - start) / 1e6)
    }

    private static func listen(on path: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = try address(path)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard fd >= 0, bound == 0, Glibc.listen(fd, 64) == 0 else { throw POSIXError(.EADDRINUSE) }
        return fd
    }

    private static func connect(to path: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = try address(path)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard fd >= 0, connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        return fd
    }

    private static func address(_ path: String) throws -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw POSIXError(.ENAMETOOLONG) }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return address
    }

    private static func readFrame(_ fd: Int32, into buffer: inout [UInt8]) -> Int? {
        var header = [UInt8](repeating: 0, count: 4)
        guard readExactly(fd, &header, 4) else { return nil }
        let length = header.withUnsafeBytes { Int(UInt32(bigEndian: $0.loadUnaligned(as: UInt32.self))) }
        guard length <= buffer.count, readExactly(fd, &buffer, length) else { return nil }
        return length
    }

    private static func writeFrame(_ fd: Int32, _ bytes: [UInt8], count: Int) -> Bool {
        var frame = withUnsafeBytes(of: UInt32(count).bigEndian) { Array($0) }
        frame.append(contentsOf: bytes[0..<count])
        return frame.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) == $0.count }
    }

    private static func readExactly(_ fd: Int32, _ buffer: inout [UInt8], _ count: Int) -> Bool {
        var offset = 0
        while offset < count {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress.map { $0 + offset }, count - offset) }
            guard n > 0 else { return false }
            offset += n
        }
        return true
    }
}

/// Collects latencies from several threads.
final class LatencyCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var latencies: [Double] = []
    func add(_ more: [Double]) { lock.withLock { latencies += more } }
    var all: [Double] { lock.withLock { latencies } }
}
