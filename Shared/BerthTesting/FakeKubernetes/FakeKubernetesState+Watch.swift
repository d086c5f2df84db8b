import BerthKube
import Foundation

/// Watch semantics: no resourceVersion (or "0") starts with synthetic ADDED events for what exists; a
/// resourceVersion replays the history after it, or answers a 410 ERROR event when it is older than the history;
/// `allowWatchBookmarks` gets a BOOKMARK at the current resourceVersion once the replay is sent.
extension FakeKubernetesState {
    func watch(_ target: Target, _ request: FakeHTTPRequest) throws -> FakeHTTPResponse {
        let selector = try labelSelector(request)
        let fieldName = try fieldSelectorName(request)
        let timeout = request.query["timeoutSeconds"].flatMap(Int.init) ?? 1800
        let (stream, continuation) = AsyncStream<Data>.makeStream()
        let watcher = Watcher(
            resource: target.resource.description, namespace: target.namespace, selector: selector, fieldName: fieldName,
            continuation: continuation)
        var initial: [Data] = []
        let requested = request.query["resourceVersion"].flatMap(Int.init)
        if let requested, requested != 0 {
            if requested < oldestWatchableVersion - 1 {
                let status = FakeKubernetesStatus.gone("too old resource version: \(requested) (\(oldestWatchableVersion - 1))")
                initial.append(Self.line(type: "ERROR", object: status.json))
                continuation.finish()
                return .watch(initial: initial, stream: stream, continuation: continuation, timeoutSeconds: timeout)
            }
            for event in history where event.resourceVersion > requested {
                if let seenAs = Self.eventType(for: watcher, event) { initial.append(Self.line(type: seenAs, object: event.object)) }
            }
        } else {
            let keys = objects.keys.filter { Self.matches(watcher, key: $0, object: objects[$0] ?? .null) }.sorted()
            for key in keys { if let object = objects[key] { initial.append(Self.line(type: "ADDED", object: object)) } }
        }
        if request.query["allowWatchBookmarks"] == "true" {
            initial.append(
                Self.line(
                    type: "BOOKMARK",
                    object: [
                        "kind": .string(target.resource.kind), "apiVersion": .string(target.resource.apiVersion),
                        "metadata": ["resourceVersion": .string(String(resourceVersion))],
                    ]))
        }
        watchers[nextWatcherID] = watcher
        nextWatcherID += 1
        return .watch(initial: initial, stream: stream, continuation: continuation, timeoutSeconds: timeout)
    }
}
