import BerthKube
import Foundation

/// The CPU and memory one pod of a workload requests: the sum over its pod template's containers (init
/// containers are left out: they do not run alongside). Unparseable quantities count as 0.
struct WorkloadRequests: Sendable, Equatable {
    var cpuMillis: Int64 = 0
    var memoryBytes: Int64 = 0

    init(cpuMillis: Int64 = 0, memoryBytes: Int64 = 0) {
        self.cpuMillis = cpuMillis
        self.memoryBytes = memoryBytes
    }

    init(podTemplateOf object: KubeObject) {
        for container in object["spec", "template", "spec", "containers"]?.arrayValue ?? [] {
            let requests = container[path: ["resources", "requests"]]
            if let cpu = requests?["cpu"]?.stringValue.flatMap(Quantity.init) {
                cpuMillis += Self.rounded(cpu.value * 1000)
            }
            if let memory = requests?["memory"]?.stringValue.flatMap(Quantity.init) {
                memoryBytes += Self.rounded(memory.value)
            }
        }
    }

    private static func rounded(_ value: Decimal) -> Int64 {
        NSDecimalNumber(decimal: value).int64Value
    }
}
