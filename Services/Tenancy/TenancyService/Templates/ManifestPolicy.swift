import BerthKube

/// What a template's objects may be: namespaced objects inside the space's own namespace, each named, none of
/// them twice, none claiming Berth's own labels. Cluster-scoped kinds are refused by name (the well-known ones,
/// and any the built-in table knows); a kind Berth has never heard of is checked against the cluster's discovery
/// when the space is applied.
enum ManifestPolicy {
    static let managedByLabel = "app.kubernetes.io/managed-by"
    static let managedByValue = "berth"
    static let spaceLabel = "berth.dev/space"
    static let templateLabel = "berth.dev/template"

    /// Kinds that exist only at cluster scope in every Kubernetes version Berth supports.
    static let clusterScopedKinds: Set<String> = [
        "Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
        "StorageClass", "PriorityClass", "RuntimeClass", "IngressClass", "CSIDriver", "CSINode", "VolumeAttachment",
        "APIService", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
        "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "CertificateSigningRequest",
        "FlowSchema", "PriorityLevelConfiguration", "ComponentStatus", "TokenReview", "SubjectAccessReview",
        "SelfSubjectAccessReview", "SelfSubjectRulesReview",
    ]

    /// Checks one object of `space`'s rendering; `line` is where its document starts.
    static func check(_ object: JSONValue, space: String, line: Int?, mapper: RESTMapper) throws(TenancyError) {
        guard case .object = object else {
            throw .invalidTemplate(line: line, "a document is not a Kubernetes object (a mapping with kind and apiVersion)")
        }
        guard let apiVersion = object["apiVersion"]?.stringValue, !apiVersion.isEmpty else {
            throw .invalidTemplate(line: line, "the object has no apiVersion")
        }
        guard let kind = object["kind"]?.stringValue, !kind.isEmpty else {
            throw .invalidTemplate(line: line, "the object has no kind")
        }
        if kind == "List" || kind.hasSuffix("List") && object["items"] != nil {
            throw .invalidTemplate(line: line, "\(kind) is not supported: write each object as its own document")
        }
        let builtIn = mapper.builtIn(apiVersion: apiVersion, kind: kind)
        if clusterScopedKinds.contains(kind) || builtIn?.namespaced == false {
            throw .invalidTemplate(
                line: line, "\(kind) is cluster-scoped: a template may only create objects inside its space's namespace")
        }
        guard let name = object[path: ["metadata", "name"]]?.stringValue, !name.isEmpty else {
            throw .invalidTemplate(line: line, "the \(kind) has no metadata.name")
        }
        if let problem = subdomainProblem(name) {
            throw .invalidTemplate(line: line, "the \(kind) name '\(name)' \(problem)")
        }
        if let namespace = object[path: ["metadata", "namespace"]], namespace.stringValue != space {
            let shown = namespace.stringValue ?? "\(namespace)"
            throw .invalidTemplate(
                line: line,
                "the \(kind) '\(name)' names namespace '\(shown)': a template may only create objects in its own "
                    + "space; leave metadata.namespace out (Berth sets it)")
        }
        let labels = object[path: ["metadata", "labels"]]?.objectValue ?? [:]
        for reserved in [managedByLabel, spaceLabel, templateLabel] where labels[reserved] != nil {
            throw .invalidTemplate(line: line, "the \(kind) '\(name)' sets the label \(reserved), which Berth owns")
        }
    }

    /// Why `name` is not a DNS-1123 subdomain (what most Kubernetes object names must be), or nil.
    static func subdomainProblem(_ name: String) -> String? {
        guard name.utf8.count <= 253 else { return "is longer than 253 characters" }
        for label in name.split(separator: ".", omittingEmptySubsequences: false) {
            guard let first = label.first, let last = label.last,
                first.isLowercase || first.isNumber, last.isLowercase || last.isNumber,
                label.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" })
            else {
                return "is not a DNS-1123 subdomain (lowercase letters, digits, '-' and '.')"
            }
        }
        return nil
    }
}
