/// OpenSSL wrappers.
///
/// Placeholder until its issue lands; see README.md.
public enum BerthCryptoModule {}
