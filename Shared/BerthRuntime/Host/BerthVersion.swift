/// The Berth release these executables belong to. The repository's `VERSION` file is the source: `make deb`
/// refuses to package when the two differ, so a package never reports another release than its name says.
public enum BerthVersion {
    public static let current = "0.1.0"
}
