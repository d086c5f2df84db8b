/// The berth CLI library.
///
/// Placeholder until its issue lands; see README.md.
public enum BerthCLIModule {}
