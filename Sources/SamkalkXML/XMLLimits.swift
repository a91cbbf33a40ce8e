/// Bounds on what the parser accepts from a file, since scenario and rate files are untrusted.
public struct XMLLimits: Sendable, Hashable {
  /// The largest file accepted, in bytes. Larger files are refused before parsing.
  public var maxBytes: Int

  public init(maxBytes: Int) { self.maxBytes = maxBytes }

  /// 16 MiB: a hundred times the largest scenario a person writes by hand.
  public static let `default` = XMLLimits(maxBytes: 16 * 1024 * 1024)
}
