import ArgumentParser
import Foundation
import Yams

/// `-o table|json|yaml`: tables for people, JSON and YAML for scripts (stable keys: the API's field names).
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, yaml

    /// Prints `value` as JSON/YAML, or calls `table` to print it for people.
    func print<T: Encodable>(_ value: T, table: () -> Table) throws {
        switch self {
        case .table:
            Swift.print(table().rendered, terminator: "")
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Swift.print(String(decoding: try encoder.encode(value), as: UTF8.self))
        case .yaml:
            Swift.print(try YAMLEncoder().encode(value), terminator: "")
        }
    }
}
