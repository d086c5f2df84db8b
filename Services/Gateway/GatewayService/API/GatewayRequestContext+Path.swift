extension GatewayRequestContext {
    /// A `{parameter}` of the path, never empty.
    func pathParameter(_ name: String) throws(APIProblem) -> String {
        guard let value = parameters.get(name), !value.isEmpty else { throw APIProblem.invalid("the path has no \(name)") }
        return value
    }

    /// The `{name}` path parameter, which most resources are addressed by.
    func name() throws(APIProblem) -> String { try pathParameter("name") }
}
