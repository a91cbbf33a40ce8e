import Foundation
import SamkalkCore
import SamkalkXML

/// Checks rate files one by one, as `samkalk rates check` does, without changing any book.
///
/// A `.csv` file is checked as a finance officer's table against the given book (so unknown
/// keys and wrong units are found); an `.xml` file as a shipped-format parameter: schema,
/// amounts, dates, and, when it lies in a folder named `Rates`, its key against its path.
public enum RateFileCheck {
  /// Every problem (errors, and notes such as the encoding read) of every file.
  public static func check(paths: [String], against book: RateBook) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    for path in paths {
      if path.lowercased().hasSuffix(".xml") {
        diagnostics += checkParameter(path: path)
      } else {
        do {
          let loaded = try book.adding(userFiles: [path])
          diagnostics += loaded.notes.filter { $0.location.file == path }
        } catch {
          diagnostics += error.diagnostics
        }
      }
    }
    return diagnostics
  }

  static func checkParameter(path: String) -> [Diagnostic] {
    do {
      return checkParameter(bytes: try FileBytes.read(path: path, maxBytes: XMLLimits.default.maxBytes), file: path)
    } catch {
      return error.diagnostics
    }
  }

  /// Checks a parameter file given as bytes (an upload, a fuzzer's input); `file` names it.
  public static func checkParameter(bytes: [UInt8], file path: String) -> [Diagnostic] {
    let document: SamkalkXML.XMLDocument
    let schema: XMLSchema
    do {
      document = try SamkalkXML.XMLDocument.parse(bytes: bytes, file: path)
      schema = try loadSchema()
    } catch {
      return error.diagnostics
    }
    let problems = schema.validate(document)
    guard problems.isEmpty else { return problems }
    guard document.root.name == "parameter" else {
      return [
        .error(
          "'rates check' checks <parameter> files and CSV tables; this is <\(document.root.name)>",
          at: document.location(document.root))
      ]
    }
    var collector = DiagnosticCollector()
    let expected = expectedKey(for: path) ?? RateKey(document.root[attribute: "key"] ?? "")
    _ = ShippedLoader.readParameter(document, expectedKey: expected, diagnostics: &collector)
    return collector.diagnostics
  }

  /// The bundled rates.xsd, compiled once per process.
  private static let schema: Result<XMLSchema, DiagnosticError> = {
    guard let path = ShippedRates.schemaPath else {
      return .failure(
        DiagnosticError(.error("the bundled rates.xsd is missing", at: SourceLocation(file: "rates.xsd"))))
    }
    return Result { () throws(DiagnosticError) in try XMLSchema(path: path) }
  }()

  private static func loadSchema() throws(DiagnosticError) -> XMLSchema { try schema.get() }

  /// The key a file's path gives when the file lies under a folder named `Rates`.
  static func expectedKey(for path: String) -> RateKey? {
    let parts = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
    guard let index = parts.lastIndex(of: "Rates"), index < parts.count - 1 else { return nil }
    let relative = parts[(index + 1)...].joined(separator: "/")
    guard relative.hasSuffix(".xml") else { return nil }
    return RateKey(String(relative.dropLast(4)).split(separator: "/").joined(separator: "."))
  }
}
