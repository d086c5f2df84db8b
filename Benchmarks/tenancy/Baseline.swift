import Foundation

/// The objects of one space from the `default` template (as berth-tenancy renders them, namespace included), as
/// YAML for `kubectl apply --server-side`: the same writes a person would do by hand.
enum Baseline {
    static func manifest(space: String) throws -> String {
        let labels = """
              labels:
                app.kubernetes.io/managed-by: bench
            """
        return """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: \(space)
            \(labels)
                pod-security.kubernetes.io/enforce: baseline
            ---
            apiVersion: v1
            kind: ResourceQuota
            metadata:
              name: berth-quota
              namespace: \(space)
            spec:
              hard:
                requests.cpu: "4"
                limits.cpu: "4"
                requests.memory: 8Gi
                limits.memory: 8Gi
                requests.storage: 50Gi
                pods: "50"
            ---
            apiVersion: v1
            kind: LimitRange
            metadata:
              name: berth-limits
              namespace: \(space)
            spec:
              limits:
              - type: Container
                defaultRequest: {cpu: 100m, memory: 128Mi}
                default: {memory: 512Mi}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: berth-default-deny
              namespace: \(space)
            spec:
              podSelector: {}
              policyTypes: [Ingress]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: berth-allow-same-space
              namespace: \(space)
            spec:
              podSelector: {}
              policyTypes: [Ingress]
              ingress:
              - from:
                - podSelector: {}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata:
              name: berth-member
              namespace: \(space)
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
            subjects:
            - {kind: Group, apiGroup: rbac.authorization.k8s.io, name: "berth:bench-devs"}

            """
    }
}
