import Foundation
import Hummingbird
import HummingbirdTesting
import SamkalkCore
import SamkalkEngine
import SamkalkInput
import SamkalkRates
import SamkalkServer

/// The repository root, found from this file's path (`<repo>/Tests/SamkalkServerTests/…`).
let repositoryRoot: String = {
  var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
  parts.removeLast(3)
  return parts.joined(separator: "/")
}()

let scenariosDirectory = repositoryRoot + "/Scenarios"

/// The shipped rates, read once.
let sharedRates = Result { () throws(DiagnosticError) in try RateBook.shipped() }

/// The app's state over the shipped scenarios, read and computed once for all tests.
let sharedState = Result { () throws(DiagnosticError) in
  try AppState.load(scenarios: scenariosDirectory, rates: try sharedRates.get(), samkalkVersion: "test")
}

/// The app as the router test framework runs it (no socket).
func testApplication(_ state: AppState? = nil) throws -> some ApplicationProtocol {
  Application(router: WebApp.router(try state ?? sharedState.get()))
}

/// The shipped scenario files, sorted, as the start page lists them.
func shippedScenarioFiles() throws -> [String] {
  try FileManager.default.contentsOfDirectory(atPath: scenariosDirectory).filter { $0.hasSuffix(".xml") }.sorted()
}

/// A scenario read and computed directly, without the server: the expected figures.
func directResult(_ file: String, change: (inout Scenario) -> Void = { _ in }) throws -> ScenarioResult {
  let rates = try sharedRates.get()
  var scenario = try ScenarioReader(rates: rates).read(path: scenariosDirectory + "/" + file).scenario
  change(&scenario)
  return try Calculator(rates: rates).run(scenario)
}

extension TestResponse {
  var text: String { String(buffer: body) }
}

extension String {
  /// The text with the five XML entities the HTML writer uses turned back into characters.
  var unescapedXML: String {
    replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
      .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&amp;", with: "&")
  }

  /// The `data-npv` value of the element with `id="…"`, or nil.
  func dataNPV(id: String) -> String? {
    guard let start = range(of: "id=\"\(id)\"") else { return nil }
    let rest = self[start.upperBound...]
    guard let open = rest.range(of: "data-npv=\""), let close = rest[open.upperBound...].firstIndex(of: "\"")
    else { return nil }
    return String(rest[open.upperBound..<close])
  }

  /// The text content of the element with `id="…"` (up to the next `<`), or nil.
  func elementText(id: String) -> String? {
    guard let start = range(of: "id=\"\(id)\""), let end = self[start.upperBound...].firstIndex(of: ">") else {
      return nil
    }
    let after = self[index(after: end)...]
    return String(after.prefix { $0 != "<" })
  }
}

/// A `multipart/form-data` body with the given file parts.
func multipart(_ files: [(field: String, fileName: String, bytes: [UInt8])], fields: [(String, String)] = [])
  -> (contentType: String, body: ByteBuffer)
{
  let boundary = "----samkalkTestBoundary7MA4YWxkTrZu0gW"
  var bytes: [UInt8] = []
  for (field, fileName, content) in files {
    bytes += Array(
      "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(fileName)\"\r\n"
        .utf8)
    bytes += Array("Content-Type: application/octet-stream\r\n\r\n".utf8)
    bytes += content + Array("\r\n".utf8)
  }
  for (name, value) in fields {
    bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
  }
  bytes += Array("--\(boundary)--\r\n".utf8)
  return ("multipart/form-data; boundary=\(boundary)", ByteBuffer(bytes: bytes))
}

/// The Content-Security-Policy every response must carry.
let expectedCSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; "
  + "base-uri 'none'"
