// rpc-benchmark: unary round trips over gRPC/UDS (BerthRPC) next to a raw length-prefixed echo over a POSIX
// Unix socket, same payload, same run. `swift run -c release rpc-benchmark [calls]`.
import BerthRPC
import Foundation
import NIOPosix

let calls = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 20_000
let concurrency = 8
let payload = [UInt8]((0..<150).map { UInt8($0 % 251) })
let directory = "/tmp/berth-rpc-bench-\(getpid())"
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: directory) }

print("payload \(payload.count) bytes, \(calls) calls per scenario, \(concurrency) concurrent callers")
print("")

let baselineSequential = try RawEchoBenchmark.run(
    socketPath: "\(directory)/raw.sock", payload: payload, calls: calls, callers: 1)
let baselineConcurrent = try RawEchoBenchmark.run(
    socketPath: "\(directory)/raw8.sock", payload: payload, calls: calls, callers: concurrency)
print(baselineSequential.line("raw UDS echo, 1 caller"))
print(baselineConcurrent.line("raw UDS echo, \(concurrency) callers (1 conn each)"))

for variant in GRPCBenchmark.Variant.allCases {
    let sequential = try await GRPCBenchmark.run(
        variant: variant, socketPath: "\(directory)/\(variant.rawValue).sock", payload: payload, calls: calls,
        callers: 1)
    let concurrent = try await GRPCBenchmark.run(
        variant: variant, socketPath: "\(directory)/\(variant.rawValue)-8.sock", payload: payload, calls: calls,
        callers: concurrency)
    print("")
    print(sequential.line("gRPC \(variant.rawValue), 1 caller"))
    print(concurrent.line("gRPC \(variant.rawValue), \(concurrency) callers (1 conn)"))
    print(
        "  ratio vs raw: p50 \(ratio(sequential.p50, baselineSequential.p50))x sequential, "
            + "\(ratio(concurrent.p50, baselineConcurrent.p50))x concurrent; "
            + "throughput \(ratio(baselineConcurrent.callsPerSecond, concurrent.callsPerSecond))x lower")
}

func ratio(_ a: Double, _ b: Double) -> String { String(format: "%.1f", a / b) }
