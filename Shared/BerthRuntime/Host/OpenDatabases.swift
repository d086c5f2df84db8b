import BerthStore
import Synchronization

/// The databases this process opened through `ServiceHost.openDatabase`, by path, held weakly.
///
/// Why: the host serves `berth.admin.v1.Admin/Backup` for the service's database. A service passes it to
/// `ServiceHost(database:)`; a service that does not (yet) is still backed up, because the host finds the database
/// it opened at its configured path here. Keyed by path, not by service name, so tests that run several instances
/// of one service in a process never see each other's database.
enum OpenDatabases {
    private struct Entry: Sendable {
        weak var database: BerthDatabase?
    }

    private static let entries = Mutex<[String: Entry]>([:])

    static func register(_ database: BerthDatabase) {
        entries.withLock { entries in
            entries = entries.filter { $0.value.database != nil }
            entries[database.path] = Entry(database: database)
        }
    }

    /// The open database at `path`, if this process opened one there and still holds it.
    static func database(at path: String) -> BerthDatabase? {
        entries.withLock { $0[path]?.database }
    }
}
