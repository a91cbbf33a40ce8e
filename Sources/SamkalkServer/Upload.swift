import SamkalkCore
import SamkalkEngine
import SamkalkInput
import SamkalkRates
import SamkalkReports

/// An upload: a scenario file, a rate table, or both, from a multipart form or a raw body, and
/// what checking it gave. The bytes are untrusted: they are read only by the same loaders as the
/// command line's (``ScenarioReader``, the user-rates loader) and never written anywhere.
struct Upload: Sendable {
  struct File: Sendable {
    /// A label for diagnostics (the browser's file name, reduced to safe characters), never a path.
    var name: String
    var bytes: [UInt8]
  }

  var scenario: File?
  var rates: File?
  /// A listed scenario to compute with an uploaded rate table.
  var base: String?

  enum Outcome: Sendable {
    /// Accepted and computed; the handler keeps it in ``AppState/uploads``.
    case computed(CatalogEntry)
    /// Refused, with every diagnostic as `FILE:LINE:COL: error: MESSAGE`.
    case refused([String])
    /// A rate table checked without a scenario to compute.
    case checked([String])
  }

  /// Reads a `multipart/form-data` body (fields `scenario`, `rates`, `base`), or a raw body:
  /// `application/xml`/`text/xml` is a scenario, `text/csv` a rate table (`?base=` picks a
  /// listed scenario for it, `?name=` labels it).
  init(contentType: String, body: [UInt8], query: FormFields) throws(MultipartForm.FormatError) {
    let type = contentType.split(separator: ";").first.map { $0.trimmed.lowercased() } ?? ""
    if let boundary = MultipartForm.boundary(contentType: contentType) {
      let form = try MultipartForm(bytes: body, boundary: boundary)
      func file(_ name: String, _ fallback: String) -> File? {
        guard let part = form.part(name), !part.bytes.isEmpty else { return nil }
        return File(name: Self.label(part.fileName, fallback: fallback), bytes: part.bytes)
      }
      scenario = file("scenario", "upload.xml")
      rates = file("rates", "upload.csv")
      base = form.part("base").map { String(decoding: $0.bytes, as: UTF8.self).trimmed }.flatMap {
        $0.isEmpty ? nil : $0
      }
    } else if type == "application/xml" || type == "text/xml" {
      scenario = File(name: Self.label(query["name"], fallback: "upload.xml"), bytes: body)
    } else if type == "text/csv" {
      rates = File(name: Self.label(query["name"], fallback: "upload.csv"), bytes: body)
      base = query["base"]
    } else {
      throw MultipartForm.FormatError(
        description: "send multipart/form-data (the upload form), application/xml (a scenario) or text/csv "
          + "(a rate table), not '\(type.isEmpty ? "no content type" : type)'")
    }
  }

  /// Checks and computes the upload (synchronous: it runs on ``ComputeQueue``).
  func process(_ state: AppState) -> Outcome {
    guard scenario != nil || rates != nil else {
      return .refused(["upload: error: choose a scenario file (XML) or a rate table (CSV)"])
    }
    var book = state.rates
    if let rates {
      do {
        book = try book.adding(userTable: rates.bytes, named: rates.name)
      } catch {
        return .refused(error.diagnostics.map(\.description))
      }
    }
    let loaded: LoadedScenario
    let path: String
    if let scenario {
      do {
        loaded = try ScenarioReader(rates: book, fileReferences: .refused).read(
          bytes: scenario.bytes, file: scenario.name)
      } catch {
        return .refused(error.diagnostics.map(\.description))
      }
      path = scenario.name
    } else if let base, let entry = state.catalog.entry(id: base) {
      loaded = entry.loaded
      path = entry.context.scenarioPath
    } else if let base {
      return .refused(["upload: error: no listed scenario has the id '\(base)'"])
    } else {
      let name = rates?.name ?? "upload.csv"
      return .checked([
        "\(name): the rate table is valid (checked as samkalk --rates checks it). "
          + "Choose a listed scenario or upload a scenario with it to compute."
      ])
    }
    let result: ScenarioResult
    do {
      result = try Calculator(rates: book).run(loaded.scenario)
    } catch {
      return .refused(error.diagnostics.map(\.description))
    }
    let context = ReportContext(
      scenarioPath: path + (rates.map { " med satserna i \($0.name)" } ?? ""), scenarioSHA256: loaded.sha256,
      samkalkVersion: state.samkalkVersion)
    return .computed(CatalogEntry(id: "", loaded: loaded, result: result, context: context, rates: book))
  }

  /// `porten.xml` from `C:\\Users\\x\\porten.xml`: the last path component, characters outside
  /// `[A-Za-z0-9._-]` replaced, at most 100 characters; `fallback` when nothing is left.
  static func label(_ fileName: String?, fallback: String) -> String {
    let last = (fileName ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
    let safe = String(
      last.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" }.prefix(100))
    return safe.isEmpty || safe.hasPrefix(".") ? fallback : safe
  }
}
