import BerthKube
import Foundation
import Yams

/// One YAML document of a template's manifests, as a JSON tree, with the line it starts on (1-based) so that
/// every later complaint about it can name the line.
struct ManifestDocument: Sendable, Equatable {
    var object: JSONValue
    var line: Int
}

/// Parses a template's multi-document YAML into JSON trees, within limits that make YAML bombs and absurd inputs
/// a clear error instead of a hung or exhausted process: aliases are expanded against a node budget, nesting is
/// bounded, and the text itself has a size cap.
struct ManifestYAML: Sendable {
    var maxBytes = 1024 * 1024
    /// Nodes after alias expansion, over all documents. A "billion laughs" document is ten aliases deep and
    /// would expand to 10^9 nodes; a real template has a few hundred.
    var maxNodes = 100_000
    var maxDepth = 64

    func documents(_ yaml: String) throws(TenancyError) -> [ManifestDocument] {
        let size = yaml.utf8.count
        guard size <= maxBytes else {
            throw .invalidTemplate(line: nil, "the manifests are \(size) bytes; at most \(maxBytes) are accepted")
        }
        var budget = maxNodes
        var documents: [ManifestDocument] = []
        let roots: YamlSequence<Node>
        do {
            roots = try compose_all(yaml: yaml)
        } catch {
            throw Self.syntaxError(error)
        }
        var iterator = roots.makeIterator()
        while let root = iterator.next() {
            let line = root.mark.map { $0.line } ?? 1
            let value = try convert(root, depth: 0, budget: &budget)
            // An empty document (`---` followed by nothing, or only comments) is allowed and skipped.
            if value == .null { continue }
            documents.append(ManifestDocument(object: value, line: line))
        }
        if let error = iterator.error { throw Self.syntaxError(error) }
        return documents
    }

    private func convert(_ node: Node, depth: Int, budget: inout Int) throws(TenancyError) -> JSONValue {
        budget -= 1
        guard budget >= 0 else {
            throw .invalidTemplate(
                line: node.mark?.line,
                "the manifests expand to more than \(maxNodes) YAML nodes (aliases included): a YAML bomb, or "
                    + "a template far larger than any real one")
        }
        guard depth <= maxDepth else {
            throw .invalidTemplate(line: node.mark?.line, "the manifests nest deeper than \(maxDepth) levels")
        }
        switch node {
        case .scalar(let scalar):
            return Self.scalarValue(scalar, node: node)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for item in sequence { items.append(try convert(item, depth: depth + 1, budget: &budget)) }
            return .array(items)
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw .invalidTemplate(line: key.mark?.line, "a mapping key is not a plain string")
                }
                guard members[keyScalar.string] == nil else {
                    throw .invalidTemplate(line: key.mark?.line, "the key '\(keyScalar.string)' appears twice")
                }
                members[keyScalar.string] = try convert(value, depth: depth + 1, budget: &budget)
            }
            return .object(members)
        case .alias(let alias):
            // Yams substitutes anchored nodes while composing; an alias left over names an unknown anchor.
            throw .invalidTemplate(line: alias.mark?.line, "the alias *\(alias.anchor) has no anchor")
        }
    }

    /// Quoted scalars are strings; plain ones resolve as YAML does (null, booleans, integers, floats).
    private static func scalarValue(_ scalar: Node.Scalar, node: Node) -> JSONValue {
        if scalar.style != .plain { return .string(scalar.string) }
        if node.null != nil { return .null }
        if let bool = node.bool { return .bool(bool) }
        if let int = node.int { return .int(Int64(int)) }
        if let float = node.float, scalar.string.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
            return .double(float)
        }
        return .string(scalar.string)
    }

    /// The parser's problem and line, without the echo of the whole text that YamlError's description carries.
    private static func syntaxError(_ error: any Error) -> TenancyError {
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let within = context.map { " (\($0.text))" } ?? ""
            return .invalidTemplate(line: mark.line, "the manifests are not valid YAML: \(problem)\(within)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return .invalidTemplate(line: context.mark.line, "the key \(keys) appears twice in one mapping")
        default:
            return .invalidTemplate(line: nil, "the manifests are not valid YAML: \(error)")
        }
    }
}
