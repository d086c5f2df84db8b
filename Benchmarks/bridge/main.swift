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

/// Runs `body` repeatedly for about `seconds` and returns operations per second.
func measure(_ seconds: Double = 1.0, _ body: () throws -> Void) rethrows -> Double {
    for _ in 0..<1_000 { try body() }  // warm up: layout cache, allocator
    let clock = ContinuousClock()
    var iterations = 0
    let start = clock.now
    var elapsed = Duration.zero
    while elapsed < .seconds(seconds) {
        for _ in 0..<1_000 { try body() }
        iterations += 1_000
        elapsed = clock.now - start
    }
    let (s, attos) = elapsed.components
    return Double(iterations) / (Double(s) + Double(attos) / 1e18)
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

var cStrings: [UnsafeMutablePointer<CChar>] = []
func c(_ s: String) -> UnsafeMutablePointer<CChar> {
    let p = strdup(s)!
    cStrings.append(p)
    return p
}

var actor = Berth__Audit__V1__Actor()
berth__audit__v1__actor__init(&actor)
actor.subject = c("u-7f3a")
actor.username = c("ada")
var groups: [UnsafeMutablePointer<CChar>?] = [c("eng"), c("payments")]
actor.authenticated_by = c("oidc")
actor.source = c("ip:10.0.0.4")
actor.user_agent = c("berth/0.1")

var target = Berth__Audit__V1__Target()
berth__audit__v1__target__init(&target)
target.kind = c("space")
target.name = c("dev-1")
target.team = c("payments")
target.space = c("dev-1")
target.cluster = c("prod-eu")

var entries = [("template", "web"), ("quota", "small"), ("ttl", "72h")].map { key, value in
    var entry = Berth__Audit__V1__Event__DetailsEntry()
    berth__audit__v1__event__details_entry__init(&entry)
    entry.key = c(key)
    entry.value = c(value)
    return entry
}

let cBytes: [UInt8] = groups.withUnsafeMutableBufferPointer { groupsBuffer in
    actor.n_groups = groupsBuffer.count
    actor.groups = groupsBuffer.baseAddress
    return entries.withUnsafeMutableBufferPointer { entryBuffer in
        var entryPointers: [UnsafeMutablePointer<Berth__Audit__V1__Event__DetailsEntry>?] =
            (0..<entryBuffer.count).map { entryBuffer.baseAddress! + $0 }
        return withUnsafeMutablePointer(to: &actor) { actorPointer in
            withUnsafeMutablePointer(to: &target) { targetPointer in
                entryPointers.withUnsafeMutableBufferPointer { detailsBuffer in
                    var event = Berth__Audit__V1__Event()
                    berth__audit__v1__event__init(&event)
                    event.id = c("0b6f5c1e-2f39-4a2c-9a51-3c1d8e7f6a10")
                    event.time_unix_nanos = 1_763_700_000_123_456_789
                    event.actor = actorPointer
                    event.action = c("space.created")
                    event.target = targetPointer
                    event.outcome = BERTH__AUDIT__V1__OUTCOME__OUTCOME_ALLOWED
                    event.n_details = detailsBuffer.count
                    event.details = detailsBuffer.baseAddress
                    return withUnsafeMutablePointer(to: &event) { eventPointer in
                        var events: [UnsafeMutablePointer<Berth__Audit__V1__Event>?] = [eventPointer]
                        return events.withUnsafeMutableBufferPointer { eventsBuffer in
                            var message = Berth__Audit__V1__AppendRequest()
                            berth__audit__v1__append_request__init(&message)
                            message.n_events = 1
                            message.events = eventsBuffer.baseAddress
                            let size = berth__audit__v1__append_request__get_packed_size(&message)
                            var out = [UInt8](repeating: 0, count: size)
                            _ = berth__audit__v1__append_request__pack(&message, &out)
                            // Pack into a fresh array each time, as the bridge returns one.
                            cEncodeRate = measure {
                                let packedSize = berth__audit__v1__append_request__get_packed_size(&message)
                                let packed = [UInt8](unsafeUninitializedCapacity: packedSize) { buffer, count in
                                    count = berth__audit__v1__append_request__pack(&message, buffer.baseAddress!)
                                }
                                sink &+= packed.count
                            }
                            return out
                        }
                    }
                }
            }
        }
    }
}
nonisolated(unsafe) var cEncodeRate = 0.0

let cDecode = measure {
    cBytes.withUnsafeBufferPointer { buffer in
        guard let message = berth__audit__v1__append_request__unpack(nil, buffer.count, buffer.baseAddress) else {
            fatalError("protobuf-c could not unpack its own bytes")
        }
        sink &+= message.pointee.n_events
        berth__audit__v1__append_request__free_unpacked(message, nil)
    }
}
for p in cStrings { free(p) }

print("bridge-benchmark: AuditV1.AppendRequest with 1 Event (actor, target, 3 details), \(bytes.count) bytes")
print("  same bytes as protobuf-c's own pack (modulo map order): \(bytes.count == cBytes.count)")
print("  encode  bridge      \(format(bridgeEncode))")
print("  encode  protobuf-c  \(format(cEncodeRate))   bridge/protobuf-c = \(String(format: "%.2f", bridgeEncode / cEncodeRate))")
print("  decode  bridge      \(format(bridgeDecode))")
print("  decode  protobuf-c  \(format(cDecode))   bridge/protobuf-c = \(String(format: "%.2f", bridgeDecode / cDecode))")
print("  (protobuf-c decode = unpack + free_unpacked only; the bridge also copies into Swift values)")
if sink == 42 { print("") }  // keeps the results alive
