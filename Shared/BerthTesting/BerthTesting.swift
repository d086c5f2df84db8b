/// Test fixtures.
///
/// Placeholder until its issue lands; see README.md.
public enum BerthTestingModule {}
