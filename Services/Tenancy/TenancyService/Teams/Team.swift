import BerthModel
import Foundation

/// A team: a DNS-1123 name and the directory groups whose members belong to it.
struct Team: Sendable, Equatable {
    var name: DNSLabel
    var displayName: String
    var groups: [String]
    var createdAt: Date
}
