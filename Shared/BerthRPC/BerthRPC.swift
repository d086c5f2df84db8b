/// protobuf-c bridge and gRPC over Unix sockets.
///
/// Placeholder until its issue lands; see README.md.
public enum BerthRPCModule {}
