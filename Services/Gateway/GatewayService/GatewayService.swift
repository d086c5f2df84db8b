/// The Gateway service library.
///
/// Placeholder until its issue lands; see README.md.
public enum GatewayServiceModule {}
