/// SQLite access and migrations.
///
/// Placeholder until its issue lands; see README.md.
public enum BerthStoreModule {}
