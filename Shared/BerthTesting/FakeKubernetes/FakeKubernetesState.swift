import BerthKube
import Foundation

/// The fake API server's state and semantics: one actor, so every request is atomic against the store.
/// Objects are JSON trees keyed by resource, namespace and name; one global resourceVersion counter; a bounded
/// event history for watches (older resourceVersions answer 410); watchers fed as objects change.
/// How the fake finalizes a deleted namespace (its contents deleted, then the namespace removed).
public enum FakeNamespaceFinalization: Sendable {
    /// When the next request arrives: the DELETE answers Terminating, every later request sees it gone.
    case onNextRequest
    /// Only when `finalizeNamespaces()` is called: lets a test observe Terminating.
    case manual
}

actor FakeKubernetesState {
    struct Key: Hashable, Comparable {
        var resource: String
        var namespace: String
        var name: String
        static func < (a: Key, b: Key) -> Bool { (a.namespace, a.name) < (b.namespace, b.name) }
    }

    struct Event {
        var resourceVersion: Int
        var key: Key
        var type: String
        var object: JSONValue
        /// The object before this event (nil when it did not exist): decides selector transitions.
        var previous: JSONValue?
    }

    struct Watcher {
        var resource: String
        var namespace: String?
        var selector: LabelSelector?
        var fieldName: String?
        var continuation: AsyncStream<Data>.Continuation
    }

    var resources: [KubeResource]
    var objects: [Key: JSONValue] = [:]
    var resourceVersion = 1
    var history: [Event] = []
    /// Watches from a resourceVersion below this answer 410 Gone.
    var oldestWatchableVersion = 1
    let historyLimit: Int
    var watchers: [Int: Watcher] = [:]
    var nextWatcherID = 0
    var failures: [FakeKubernetesFailure] = []
    var stalls: [(failure: FakeKubernetesFailure, delay: Duration)] = []
    var forbiddenNamespaces: Set<String> = []
    var records: [FakeKubernetesRequestRecord] = []
    var namespaceFinalization: FakeNamespaceFinalization = .onNextRequest
    var terminatingNamespaces: Set<String> = []
    let now: @Sendable () -> Date
    var serverAddress = ""

    init(resources: [KubeResource], historyLimit: Int, now: @escaping @Sendable () -> Date) {
        self.resources = resources
        self.historyLimit = historyLimit
        self.now = now
    }

    var timestamp: String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: now())
    }

    func servedResource(group: String, version: String, name: String) -> KubeResource? {
        resources.first { $0.group == group && $0.version == version && $0.name == name }
    }

    // MARK: Mutation with events

    func nextVersion() -> Int {
        resourceVersion += 1
        return resourceVersion
    }

    /// Stores (or removes, for DELETED) an object and tells matching watchers.
    func commit(_ key: Key, type: String, object: JSONValue) {
        let previous = objects[key]
        if type == "DELETED" { objects[key] = nil } else { objects[key] = object }
        let version = Int(object[path: ["metadata", "resourceVersion"]]?.stringValue ?? "") ?? resourceVersion
        let event = Event(resourceVersion: version, key: key, type: type, object: object, previous: previous)
        history.append(event)
        if history.count > historyLimit {
            let dropped = history.removeFirst()
            oldestWatchableVersion = dropped.resourceVersion + 1
        }
        for (id, watcher) in watchers {
            guard let seenAs = Self.eventType(for: watcher, event) else { continue }
            if case .terminated = watcher.continuation.yield(Self.line(type: seenAs, object: object)) {
                watchers[id] = nil
            }
        }
    }

    static func matches(_ watcher: Watcher, key: Key, object: JSONValue) -> Bool {
        guard watcher.resource == key.resource else { return false }
        if let namespace = watcher.namespace, namespace != key.namespace { return false }
        if let name = watcher.fieldName, name != key.name { return false }
        if let selector = watcher.selector {
            return selector.matches(object[path: ["metadata", "labels"]]?.stringMap ?? [:])
        }
        return true
    }

    /// What a watcher sees of an event, as kube-apiserver filters by selector: an object that starts matching
    /// is ADDED, one that stops matching is DELETED, one that never matched is not seen.
    static func eventType(for watcher: Watcher, _ event: Event) -> String? {
        let matchesNow = event.type != "DELETED" && matches(watcher, key: event.key, object: event.object)
        let matchedBefore = event.previous.map { matches(watcher, key: event.key, object: $0) } ?? false
        switch (matchedBefore, matchesNow) {
        case (true, true): return event.type
        case (false, true): return "ADDED"
        case (true, false): return "DELETED"
        case (false, false): return nil
        }
    }

    static func line(type: String, object: JSONValue) -> Data {
        var data = (try? JSONValue.object(["type": .string(type), "object": object]).jsonData()) ?? Data()
        data.append(UInt8(ascii: "\n"))
        return data
    }

    // MARK: Control (called through FakeKubernetesAPI)

    func setServerAddress(_ address: String) { serverAddress = address }
    func inject(_ failure: FakeKubernetesFailure) { failures.append(failure) }
    func stall(_ match: FakeKubernetesFailure, delay: Duration) { stalls.append((match, delay)) }

    /// How long to hold a matching request before answering it (a slow or hung API server).
    func takeStall(method: String, path: String) -> Duration? {
        guard let index = stalls.firstIndex(where: { $0.failure.matches(method: method, path: path) }) else { return nil }
        let delay = stalls[index].delay
        stalls[index].failure.count -= 1
        if stalls[index].failure.count <= 0 { stalls.remove(at: index) }
        return delay
    }
    func setForbidden(_ namespaces: Set<String>) { forbiddenNamespaces = namespaces }
    func setFinalization(_ mode: FakeNamespaceFinalization) { namespaceFinalization = mode }
    func allRecords() -> [FakeKubernetesRequestRecord] { records }
    func clearRecords() { records = [] }
    func register(_ resource: KubeResource) { if !resources.contains(resource) { resources.append(resource) } }

    /// Forgets the event history: every watch from an earlier resourceVersion now answers 410.
    func compactHistory() {
        history = []
        oldestWatchableVersion = resourceVersion + 1
    }

    /// Sends a BOOKMARK with the current resourceVersion to every open watch.
    func sendBookmarks() {
        for (_, watcher) in watchers {
            let resource = resources.first { $0.description == watcher.resource }
            watcher.continuation.yield(
                Self.line(
                    type: "BOOKMARK",
                    object: [
                        "kind": .string(resource?.kind ?? ""), "apiVersion": .string(resource?.apiVersion ?? ""),
                        "metadata": ["resourceVersion": .string(String(resourceVersion))],
                    ]))
        }
    }

    /// Ends every open watch stream (the server shutting down, or a test asking for a reconnect).
    func closeWatches() {
        for (_, watcher) in watchers { watcher.continuation.finish() }
        watchers = [:]
    }

    /// The namespace controller's work: deletes the contents of each terminating namespace, then the namespace.
    func finalizeNamespaces() {
        for namespace in terminatingNamespaces.sorted() {
            for key in objects.keys.filter({ $0.namespace == namespace }).sorted() {
                guard var object = objects[key] else { continue }
                object[path: ["metadata", "resourceVersion"]] = .string(String(nextVersion()))
                commit(key, type: "DELETED", object: object)
            }
            let key = Key(resource: KubeResource.namespaces.description, namespace: "", name: namespace)
            if var object = objects[key] {
                object[path: ["metadata", "resourceVersion"]] = .string(String(nextVersion()))
                object[path: ["spec", "finalizers"]] = []
                commit(key, type: "DELETED", object: object)
            }
        }
        terminatingNamespaces = []
    }

    /// Empties the store and history, keeps the resourceVersion counter running (as a fresh namespace would).
    func reset() {
        closeWatches()
        objects = [:]
        history = []
        failures = []
        stalls = []
        forbiddenNamespaces = []
        records = []
        terminatingNamespaces = []
        oldestWatchableVersion = resourceVersion + 1
    }
}
