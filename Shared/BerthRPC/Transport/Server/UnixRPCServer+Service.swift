import ServiceLifecycle

/// A server is a long-running service: list it in the daemon's `ServiceGroup`.
extension UnixRPCServer: Service {}
