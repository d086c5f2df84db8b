/// The Supervisor service library.
///
/// Placeholder until its issue lands; see README.md.
public enum SupervisorServiceModule {}
