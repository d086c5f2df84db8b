// Encodes/s and decodes/s of a typical audit request through the Codable <-> protobuf-c bridge, next to
// protobuf-c's generated pack/unpack of the same message built by hand in C structs.
//     swift run -c release bridge-benchmark
import BerthRPC
import CBerthProto
import Foundation

let request = AuditV1.AppendRequest(events: [
    AuditV1.Event(
        id: "0b6f5c1e-2f39-4a2c-9a51-3c1d8e7f6a10", timeUnixNanos: 1_763_700_000_123_456_789,
        actor: AuditV1.Actor(
            subject: "u-7f3a", username: "ada", groups: ["eng", "payments"], authenticatedBy: "oidc",
            source: "ip:10.0.0.4", userAgent: "berth/0.1"),
        action: "space.created",
        target: AuditV1.Target(kind: "space", name: "dev-1", team: "payments", space: "dev-1", cluster: "prod-eu"),
        outcome: .allowed, reason: "",
        details: ["template": "web", "quota": "small", "ttl": "72h"])
])

/// Operations per second of `body`: the best of five rounds of about 0.3 s each, because the build machines are
/// shared and a round that lost the CPU to another process says nothing about the code.
func measure(_ body: () throws -> Void) rethrows -> Double {
    for _ in 0..<1_000 { try body() }  // warm up: layout cache, allocator
    let clock = ContinuousClock()
    var best = 0.0
    for _ in 0..<5 {
        var iterations = 0
        let start = clock.now
        var elapsed = Duration.zero
        while elapsed < .milliseconds(300) {
            for _ in 0..<1_000 { try body() }
            iterations += 1_000
            elapsed = clock.now - start
        }
        let (seconds, attoseconds) = elapsed.components
        best = max(best, Double(iterations) / (Double(seconds) + Double(attoseconds) / 1e18))
    }
    return best
}

func format(_ rate: Double) -> String {
    String(format: "%10.0f/s  %6.2f µs", rate, 1e6 / rate)
}

// MARK: Bridge

let bytes = try ProtoCodec.encode(request)
var sink = 0
let bridgeEncode = try measure { sink &+= try ProtoCodec.encode(request).count }
let bridgeDecode = try measure { sink &+= try ProtoCodec.decode(AuditV1.AppendRequest.self, from: bytes).events.count }

// MARK: protobuf-c generated code on hand-built structs (the lower bound the bridge is measured against)

/// Owns the hand-built C structs and strings; everything is freed at the end (never by free_unpacked).
final class CRequest {
    private var allocations: [UnsafeMutableRawPointer] = []
    let message = UnsafeMutablePointer<Berth__Audit__V1__AppendRequest>.allocate(capacity: 1)

    private func make<T>(_ type: T.Type, count: Int = 1) -> UnsafeMutablePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: count)
        allocations.append(UnsafeMutableRawPointer(pointer))
        return pointer
    }

    private func c(_ string: String) -> UnsafeMutablePointer<CChar> {
        let utf8 = Array(string.utf8CString)
        let pointer = make(CChar.self, count: utf8.count)
        pointer.initialize(from: utf8, count: utf8.count)
        return pointer
    }

    init() {
        let actor = make(Berth__Audit__V1__Actor.self)
        berth__audit__v1__actor__init(actor)
        actor.pointee.subject = c("u-7f3a")
        actor.pointee.username = c("ada")
        let groups = make(UnsafeMutablePointer<CChar>?.self, count: 2)
        groups[0] = c("eng")
        groups[1] = c("payments")
        actor.pointee.n_groups = 2
        actor.pointee.groups = groups
        actor.pointee.authenticated_by = c("oidc")
        actor.pointee.source = c("ip:10.0.0.4")
        actor.pointee.user_agent = c("berth/0.1")

        let target = make(Berth__Audit__V1__Target.self)
        berth__audit__v1__target__init(target)
        target.pointee.kind = c("space")
        target.pointee.name = c("dev-1")
        target.pointee.team = c("payments")
        target.pointee.space = c("dev-1")
        target.pointee.cluster = c("prod-eu")

        let details = [("template", "web"), ("quota", "small"), ("ttl", "72h")]
        let entries = make(UnsafeMutablePointer<Berth__Audit__V1__Event__DetailsEntry>?.self, count: details.count)
        for (index, (key, value)) in details.enumerated() {
            let entry = make(Berth__Audit__V1__Event__DetailsEntry.self)
            berth__audit__v1__event__details_entry__init(entry)
            entry.pointee.key = c(key)
            entry.pointee.value = c(value)
            entries[index] = entry
        }

        let event = make(Berth__Audit__V1__Event.self)
        berth__audit__v1__event__init(event)
        event.pointee.id = c("0b6f5c1e-2f39-4a2c-9a51-3c1d8e7f6a10")
        event.pointee.time_unix_nanos = 1_763_700_000_123_456_789
        event.pointee.actor = actor
        event.pointee.action = c("space.created")
        event.pointee.target = target
        event.pointee.outcome = BERTH__AUDIT__V1__OUTCOME__OUTCOME_ALLOWED
        event.pointee.n_details = details.count
        event.pointee.details = entries

        let events = make(UnsafeMutablePointer<Berth__Audit__V1__Event>?.self)
        events[0] = event
        berth__audit__v1__append_request__init(message)
        message.pointee.n_events = 1
        message.pointee.events = events
    }

    deinit {
        for allocation in allocations { allocation.deallocate() }
        message.deallocate()
    }

    /// Packs into a fresh array, as the bridge returns one.
    func pack() -> [UInt8] {
        let size = berth__audit__v1__append_request__get_packed_size(message)
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            guard let out = buffer.baseAddress else { return }
            count = berth__audit__v1__append_request__pack(message, out)
        }
    }
}

let cRequest = CRequest()
let cBytes = cRequest.pack()
let cEncode = measure { sink &+= cRequest.pack().count }
let cDecode = measure {
    cBytes.withUnsafeBufferPointer { buffer in
        guard let message = berth__audit__v1__append_request__unpack(nil, buffer.count, buffer.baseAddress) else {
            fatalError("protobuf-c could not unpack its own bytes")
        }
        sink &+= message.pointee.n_events
        berth__audit__v1__append_request__free_unpacked(message, nil)
    }
}
let sameBytes = (try? ProtoCodec.decode(AuditV1.AppendRequest.self, from: cBytes)) == request

print("bridge-benchmark: AuditV1.AppendRequest with 1 Event (actor, target, 3 details), \(bytes.count) bytes")
print("  protobuf-c's bytes: \(cBytes.count), decode through the bridge to the same request: \(sameBytes)")
print("  encode  bridge      \(format(bridgeEncode))")
print("  encode  protobuf-c  \(format(cEncode))   bridge/protobuf-c = \(String(format: "%.2f", bridgeEncode / cEncode))")
print("  decode  bridge      \(format(bridgeDecode))")
print("  decode  protobuf-c  \(format(cDecode))   bridge/protobuf-c = \(String(format: "%.2f", bridgeDecode / cDecode))")
print("  (protobuf-c decode = unpack + free_unpacked only; the bridge also copies into Swift values)")
if sink == 42 { print("") }  // keeps the results alive
