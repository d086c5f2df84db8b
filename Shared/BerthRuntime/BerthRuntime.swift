/// Config, paths, logging, sd_notify.
///
/// Placeholder until its issue lands; see README.md.
public enum BerthRuntimeModule {}
