import Foundation

/// Latencies of one scenario, in microseconds, and its wall time.
struct Measurement {
    var latencies: [Double]
    var wallSeconds: Double

    var p50: Double { percentile(0.50) }
    var p99: Double { percentile(0.99) }
    var callsPerSecond: Double { Double(latencies.count) / wallSeconds }

    private func percentile(_ p: Double) -> Double {
        let sorted = latencies.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }

    func line(_ name: String) -> String {
        let padded = name.padding(toLength: 44, withPad: " ", startingAt: 0)
        return padded
            + String(format: "p50 %7.1f µs   p99 %7.1f µs   %8.0f calls/s", p50, p99, callsPerSecond)
    }
}

func microseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12
}
