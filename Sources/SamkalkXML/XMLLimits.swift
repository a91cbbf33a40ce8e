/// Bounds on what the parser accepts from a file, since scenario and rate files are untrusted.
public struct XMLLimits: Sendable, Hashable {
  /// The largest file accepted, in bytes. Larger files are refused before parsing.
  public var maxBytes: Int
  /// The most attributes one element may have. libxml2 appends each attribute to a list it
  /// walks from the start and validates them in quadratic time: 100 000 attributes on one
  /// element took minutes. The parse stops at the first element with more.
  public var maxAttributes: Int
  /// The most elements a file may have. libxml2's validation slows down more than linearly
  /// with the number of elements it reports on: 20 000 elements with an unknown attribute took
  /// 3.5 s, 60 000 took 2 minutes, 100 000 more than 6. The parse stops at the first element past it.
  public var maxElements: Int

  public init(maxBytes: Int, maxAttributes: Int = 64, maxElements: Int = 20_000) {
    self.maxBytes = maxBytes
    self.maxAttributes = maxAttributes
    self.maxElements = maxElements
  }

  /// 16 MiB: a hundred times the largest scenario a person writes by hand; 64 attributes: the
  /// schemas' widest element has fewer than 20; 20 000 elements: the largest shipped scenario
  /// and its XML report have fewer than 1 100.
  public static let `default` = XMLLimits(maxBytes: 16 * 1024 * 1024)
}
