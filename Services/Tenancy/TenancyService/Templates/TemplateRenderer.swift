import BerthKube
import BerthModel
import Synchronization

/// The space a template is rendered for.
public struct SpaceRenderContext: Sendable {
    public var space: DNSLabel
    /// nil for a personal space.
    public var team: DNSLabel?
    public var owner: String
    /// Values for the template's declared parameters; missing ones take their defaults.
    public var values: [String: String]
    public var subjects: RoleSubjects
    public var prefixes: SubjectPrefixes

    public init(
        space: DNSLabel, team: DNSLabel?, owner: String, values: [String: String] = [:],
        subjects: RoleSubjects = RoleSubjects(), prefixes: SubjectPrefixes = SubjectPrefixes()
    ) {
        self.space = space
        self.team = team
        self.owner = owner
        self.values = values
        self.subjects = subjects
        self.prefixes = prefixes
    }
}

/// What a space is made of in the cluster: its namespace's labels and the objects inside it, each already
/// namespaced and labelled as Berth's.
public struct RenderedSpace: Sendable, Equatable {
    public var namespaceLabels: [String: String]
    public var objects: [JSONValue]
}

/// Renders a template for one space: parse, substitute parameters as values, add the defaults' objects and the
/// role bindings, then check every object against `ManifestPolicy`. Either the whole rendering succeeds or
/// nothing is returned, so a bad template never half-applies.
public struct TemplateRenderer: Sendable {
    let yaml: ManifestYAML
    let mapper: RESTMapper
    private let cache = ManifestCache()

    public init() {
        self.init(yaml: ManifestYAML(), mapper: RESTMapper())
    }

    init(yaml: ManifestYAML, mapper: RESTMapper) {
        self.yaml = yaml
        self.mapper = mapper
    }

    /// Checks a template when it is saved: declarations, YAML and policy, with placeholder values.
    public func validate(_ template: SpaceTemplate) throws(TenancyError) {
        for parameter in template.parameters { try parameter.validateDeclaration() }
        let names = template.parameters.map(\.name)
        if let duplicate = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            throw .invalidTemplate(line: nil, "parameter '\(duplicate)' is declared twice")
        }
        // Required parameters get a stand-in that satisfies no pattern in particular; only the structure is checked.
        let placeholder = (try? DNSLabel("validate")) ?? template.name
        var values: [String: String] = [:]
        for parameter in template.parameters where parameter.defaultValue == nil { values[parameter.name] = "x" }
        let context = SpaceRenderContext(space: placeholder, team: placeholder, owner: "validate", values: values)
        _ = try render(template, for: context, checkingValues: false)
    }

    /// `validatingValues: false` skips the parameter patterns (compiling a Regex costs more than the rest of a
    /// rendering): for the reconciler, which renders values that were validated when they were stored.
    public func render(
        _ template: SpaceTemplate, for context: SpaceRenderContext, validatingValues: Bool = true
    ) throws(TenancyError) -> RenderedSpace {
        try render(template, for: context, checkingValues: validatingValues)
    }

    private func render(
        _ template: SpaceTemplate, for context: SpaceRenderContext, checkingValues: Bool
    ) throws(TenancyError) -> RenderedSpace {
        let values = try resolvedValues(template, context, checking: checkingValues)
        let substitution = TemplateSubstitution(values: values)
        let space = context.space.rawValue

        var documents = TemplateDefaultObjects.objects(for: template).map { ManifestDocument(object: $0, line: 0) }
        documents += try parsedManifests(template.manifests)
        var rendered: [JSONValue] = []
        var seen: Set<String> = []
        for document in documents {
            // Objects from the template's default fields have no line of their own.
            let line = document.line > 0 ? document.line : nil
            var object = try substitution.apply(document.object, line: line)
            try ManifestPolicy.check(object, space: space, line: line, mapper: mapper)
            let identity = Self.identity(of: object)
            guard seen.insert(identity).inserted else {
                throw .invalidTemplate(line: line, "\(identity) is defined twice")
            }
            object[path: ["metadata", "namespace"]] = .string(space)
            object[path: ["metadata", "labels"]] = .object(
                (object[path: ["metadata", "labels"]]?.objectValue ?? [:]).merging(
                    Self.ownershipLabels(space: space, template: template).mapValues { .string($0) }
                ) { _, berth in berth })
            rendered.append(object)
        }
        if template.bindTeamRoles {
            for var binding in TemplateDefaultObjects.roleBindings(context.subjects, prefixes: context.prefixes) {
                let identity = Self.identity(of: binding)
                guard seen.insert(identity).inserted else {
                    throw .invalidTemplate(line: nil, "\(identity) is defined by the manifests and by bindTeamRoles")
                }
                binding[path: ["metadata", "namespace"]] = .string(space)
                binding[path: ["metadata", "labels"]] = JSONValue(Self.ownershipLabels(space: space, template: template))
                rendered.append(binding)
            }
        }
        var namespaceLabels: [String: String] = [:]
        for (key, value) in template.namespaceLabels {
            namespaceLabels[key] = try substitution.apply(value, line: nil)
        }
        for mode in ["enforce", "audit", "warn"] {
            namespaceLabels["pod-security.kubernetes.io/\(mode)"] = template.podSecurity.rawValue
        }
        namespaceLabels.merge(Self.ownershipLabels(space: space, template: template)) { _, berth in berth }
        if let team = context.team { namespaceLabels["berth.dev/team"] = team.rawValue }
        return RenderedSpace(namespaceLabels: namespaceLabels, objects: rendered)
    }

    /// Parsed manifests, cached by their text: a template version's manifests never change, and the reconciler
    /// renders every space on every resync.
    private func parsedManifests(_ manifests: String) throws(TenancyError) -> [ManifestDocument] {
        if manifests.allSatisfy(\.isWhitespace) { return [] }
        if let cached = cache.documents(for: manifests) { return cached }
        let parsed = try yaml.documents(manifests)
        cache.store(parsed, for: manifests)
        return parsed
    }

    /// The built-in values plus the declared ones (given or defaulted); an unknown or invalid value is refused.
    private func resolvedValues(
        _ template: SpaceTemplate, _ context: SpaceRenderContext, checking: Bool
    ) throws(TenancyError) -> [String: String] {
        var values: [String: String] = [
            "space": context.space.rawValue, "team": context.team?.rawValue ?? "", "owner": context.owner,
        ]
        let declared = Set(template.parameters.map(\.name))
        if let unknown = context.values.keys.sorted().first(where: { !declared.contains($0) }) {
            let known = declared.sorted().joined(separator: ", ")
            throw .invalidTemplate(
                line: nil,
                "template \(template.name) has no parameter '\(unknown)'"
                    + (known.isEmpty ? " (it declares none)" : " (it declares: \(known))"))
        }
        for parameter in template.parameters {
            guard let value = context.values[parameter.name] ?? parameter.defaultValue else {
                throw .invalidTemplate(line: nil, "parameter '\(parameter.name)' is required by template \(template.name)")
            }
            if checking { try parameter.validate(value) }
            values[parameter.name] = value
        }
        return values
    }

    static func ownershipLabels(space: String, template: SpaceTemplate) -> [String: String] {
        [
            ManifestPolicy.managedByLabel: ManifestPolicy.managedByValue, ManifestPolicy.spaceLabel: space,
            ManifestPolicy.templateLabel: "\(template.name.rawValue).v\(template.version)",
        ]
    }

    /// "<group>/<Kind>/<name>": two objects with the same identity would fight over one API object.
    static func identity(of object: JSONValue) -> String {
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        let group = KubeObject.group(ofAPIVersion: apiVersion)
        return "\(group.isEmpty ? "core" : group)/\(object["kind"]?.stringValue ?? "")/\(object[path: ["metadata", "name"]]?.stringValue ?? "")"
    }
}

/// Parsed manifests by their text, bounded (emptied when full: templates are few, a refill is cheap).
final class ManifestCache: Sendable {
    private let entries = Mutex<[String: [ManifestDocument]]>([:])
    static let capacity = 256

    func documents(for text: String) -> [ManifestDocument]? { entries.withLock { $0[text] } }

    func store(_ documents: [ManifestDocument], for text: String) {
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries = [:] }
            entries[text] = documents
        }
    }
}
