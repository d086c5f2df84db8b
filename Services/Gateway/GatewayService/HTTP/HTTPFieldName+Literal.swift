import HTTPTypes

extension HTTPField.Name {
    /// A header name the gateway defines, from a literal. `HTTPField.Name(_:)` is failable for names read off the
    /// wire; for our own literals an invalid one is a typo that stops the gateway at start (every literal is a
    /// `static let`, built when first used by any test of the route), so it is not worth an optional everywhere.
    static func literal(_ name: StaticString) -> HTTPField.Name {
        guard let field = HTTPField.Name("\(name)") else { preconditionFailure("\"\(name)\" is not an HTTP field name") }
        return field
    }
}
