import Synchronization

/// A service's own numbers for Prometheus: counters and histograms it updates as things happen, and gauges read
/// when scraped (spaces by state, queue depth). `ServiceHost` serves them over the socket
/// (`berth.metrics.v1.Metrics/Scrape`), and the gateway's `/metrics` adds every service's text to its own, so
/// one scrape target shows the whole system.
///
/// Families are declared up front (name, type, help), so a family appears with `# HELP`/`# TYPE` even before its
/// first sample; label sets are the caller's to keep bounded (never a person's or a space's name).
public final class MetricsRegistry: Sendable {
    public typealias Labels = [String: String]
    public typealias Gauge = @Sendable () async -> [(Labels, Double)]

    private struct Histogram {
        var buckets: [Int]
        var sum = 0.0
        var count = 0
    }

    private struct Family {
        let name: String
        let type: String
        let help: String
        var bounds: [Double] = []
    }

    private struct State {
        var families: [Family] = []
        /// Each histogram's bounds, by name: looked up on every observation.
        var bounds: [String: [Double]] = [:]
        var counters: [String: [Labels: Double]] = [:]
        var histograms: [String: [Labels: Histogram]] = [:]
        var gauges: [String: Gauge] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// Seconds from a millisecond to ten seconds: RPCs, SQLite commits, Kubernetes calls.
    public static let latencyBounds: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    public func counter(_ name: String, help: String) {
        declare(Family(name: name, type: "counter", help: help))
    }

    public func histogram(_ name: String, help: String, bounds: [Double] = MetricsRegistry.latencyBounds) {
        declare(Family(name: name, type: "histogram", help: help, bounds: bounds.sorted()))
    }

    /// A gauge whose samples `read` gives at each scrape.
    public func gauge(_ name: String, help: String, read: @escaping Gauge) {
        declare(Family(name: name, type: "gauge", help: help))
        state.withLock { $0.gauges[name] = read }
    }

    public func increment(_ name: String, _ labels: Labels = [:], by amount: Double = 1) {
        state.withLock { $0.counters[name, default: [:]][labels, default: 0] += amount }
    }

    public func observe(_ name: String, _ labels: Labels = [:], _ value: Double) {
        state.withLock { state in
            guard let bounds = state.bounds[name] else { return }
            var histogram = state.histograms[name]?[labels] ?? Histogram(buckets: Array(repeating: 0, count: bounds.count))
            for (index, bound) in bounds.enumerated() where value <= bound { histogram.buckets[index] += 1 }
            histogram.sum += value
            histogram.count += 1
            state.histograms[name, default: [:]][labels] = histogram
        }
    }

    /// Every family in the Prometheus text format.
    public func exposition() async -> String {
        let snapshot = state.withLock { $0 }
        var out = PrometheusText()
        for family in snapshot.families {
            out.family(family.name, family.type, family.help)
            switch family.type {
            case "counter":
                for (labels, value) in Self.sorted(snapshot.counters[family.name] ?? [:]) { out.sample(family.name, labels, value) }
            case "histogram":
                for (labels, histogram) in Self.sorted(snapshot.histograms[family.name] ?? [:]) {
                    for (index, bound) in family.bounds.enumerated() {
                        out.sample(family.name + "_bucket", labels.merging(["le": PrometheusText.format(bound)]) { $1 }, Double(histogram.buckets[index]))
                    }
                    out.sample(family.name + "_bucket", labels.merging(["le": "+Inf"]) { $1 }, Double(histogram.count))
                    out.sample(family.name + "_sum", labels, histogram.sum)
                    out.sample(family.name + "_count", labels, Double(histogram.count))
                }
            default:
                if let read = snapshot.gauges[family.name] {
                    for (labels, value) in await read() { out.sample(family.name, labels, value) }
                }
            }
        }
        return out.text
    }

    private func declare(_ family: Family) {
        state.withLock { state in
            guard !state.families.contains(where: { $0.name == family.name }) else { return }
            state.families.append(family)
            if family.type == "histogram" { state.bounds[family.name] = family.bounds }
        }
    }

    private static func sorted<Value>(_ samples: [Labels: Value]) -> [(Labels, Value)] {
        samples.map { ($0.key, $0.value) }.sorted { "\($0.0.sorted { $0.key < $1.key })" < "\($1.0.sorted { $0.key < $1.key })" }
    }
}
