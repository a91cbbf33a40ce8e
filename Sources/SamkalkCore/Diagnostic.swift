/// A problem found in an input, with its location.
///
/// Loaders collect every problem they find and return them together, so that a user fixes a
/// file in one pass. Printed as `FILE:LINE:COL: error: MESSAGE`, the form editors and CI
/// systems link to the place in the file.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
  public enum Severity: String, Hashable, Sendable, Comparable {
    case error
    case warning
    case note

    private var rank: Int {
      switch self {
      case .error: 0
      case .warning: 1
      case .note: 2
      }
    }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
  }

  public var severity: Severity
  public var location: SourceLocation
  public var message: String

  public init(_ severity: Severity, at location: SourceLocation, _ message: String) {
    self.severity = severity
    self.location = location
    self.message = message
  }

  public static func error(_ message: String, at location: SourceLocation) -> Diagnostic {
    Diagnostic(.error, at: location, message)
  }

  public static func warning(_ message: String, at location: SourceLocation) -> Diagnostic {
    Diagnostic(.warning, at: location, message)
  }

  public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// One or more diagnostics thrown together: a loader that fails reports all its problems.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
  public var diagnostics: [Diagnostic]

  public init(_ diagnostics: [Diagnostic]) {
    precondition(!diagnostics.isEmpty, "a DiagnosticError needs at least one diagnostic")
    self.diagnostics = diagnostics
  }

  public init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }

  public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Collects diagnostics while a loader walks a file, then throws them all at once.
public struct DiagnosticCollector: Sendable {
  public private(set) var diagnostics: [Diagnostic] = []

  public init() {}

  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

  public mutating func append(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
  public mutating func append(contentsOf other: [Diagnostic]) { diagnostics.append(contentsOf: other) }

  public mutating func error(_ message: String, at location: SourceLocation) {
    diagnostics.append(.error(message, at: location))
  }

  public mutating func warning(_ message: String, at location: SourceLocation) {
    diagnostics.append(.warning(message, at: location))
  }

  /// Throws every diagnostic collected so far when any of them is an error.
  public func throwIfErrors() throws(DiagnosticError) {
    if hasErrors { throw DiagnosticError(diagnostics) }
  }

  /// The warnings and notes, for a caller that goes on after a successful load.
  public var nonErrors: [Diagnostic] { diagnostics.filter { $0.severity != .error } }
}
