import Foundation
import Hummingbird
import HummingbirdTesting
import SamkalkCore
import SamkalkEngine
import SamkalkInput
import SamkalkRates
import SamkalkServer
import Testing

@Suite struct UploadTests {
  /// A scenario with a mistake the reader finds in its semantic step (a horizon of 0 years),
  /// reported with its line.
  static let badScenario: [UInt8] = {
    let text = try! String(contentsOfFile: scenariosDirectory + "/porten-2013-2015.xml", encoding: .utf8)
    return Array(text.replacingOccurrences(of: "<horizon years=\"5\"", with: "<horizon years=\"0\"").utf8)
  }()

  @Test func aBadScenarioGetsTheReadersDiagnosticsWithLineNumbers() async throws {
    let expected = try ScenarioReader(rates: sharedRates.get()).check(bytes: Self.badScenario, file: "bad.xml")
      .filter { $0.severity == .error }
    try #require(!expected.isEmpty)
    #expect(expected.allSatisfy { $0.location.line != nil })
    let (type, body) = multipart([("scenario", "C:\\Users\\x\\bad.xml", Self.badScenario)])
    try await testApplication().test(.router) { client in
      try await client.execute(uri: "/upload", method: .post, headers: [.contentType: type], body: body) {
        response in
        #expect(response.status == .unprocessableContent)
        let page = response.text.unescapedXML
        for diagnostic in expected {
          #expect(page.contains("<code>\(diagnostic.description)</code>"), "missing: \(diagnostic)")
        }
        // FILE:LINE:COL: error: MESSAGE, with the uploaded file's name (never its path).
        #expect(page.range(of: #"<code>bad\.xml:\d+(:\d+)?: error: "#, options: .regularExpression) != nil)
      }
    }
  }

  @Test func aBadRateTableGetsTheLoadersDiagnosticsWithLineNumbers() async throws {
    let table = Array(
      "key;value;unit;from;source;to;status\nformaner.forsorjningsstod.per_hushallsmanadx;10 450;kr/månad;2025-01-01;x;;SEEN\n"
        .utf8)
    let expected: [Diagnostic]
    do {
      _ = try sharedRates.get().adding(userTable: table, named: "mina-satser.csv")
      expected = []
    } catch {
      expected = error.diagnostics
    }
    try #require(expected.contains { $0.severity == .error && $0.location.line == 2 })
    try await testApplication().test(.router) { client in
      // A raw body is checked the same way as a form upload.
      try await client.execute(
        uri: "/upload?name=mina-satser.csv", method: .post, headers: [.contentType: "text/csv"],
        body: ByteBuffer(bytes: table)
      ) { response in
        #expect(response.status == .unprocessableContent)
        let page = response.text.unescapedXML
        for diagnostic in expected { #expect(page.contains(diagnostic.description), "missing: \(diagnostic)") }
        #expect(page.contains("mina-satser.csv:2:1: error: unknown key"))
      }
    }
  }

  @Test func aGoodScenarioIsComputedAndKeptInMemory() async throws {
    let bytes = Array(try String(contentsOfFile: scenariosDirectory + "/porten-2013-2015.xml", encoding: .utf8).utf8)
    let expected = try directResult("porten-2013-2015.xml")
    let (type, body) = multipart([("scenario", "porten.xml", bytes)])
    try await testApplication().test(.router) { client in
      let location = try await client.execute(
        uri: "/upload", method: .post, headers: [.contentType: type], body: body
      ) { response in
        #expect(response.status == .seeOther)
        return try #require(response.headers[.location])
      }
      #expect(location.hasPrefix("/scenario/upload-"))
      try await client.execute(uri: location, method: .get) { response in
        #expect(response.status == .ok)
        #expect(response.text.unescapedXML.contains(expected.scenario.title))
      }
      try await client.execute(uri: location + "/download/csv", method: .get) { response in
        #expect(response.status == .ok)
      }
    }
  }

  @Test func aRateTableChangesAListedScenariosResult() async throws {
    let table = Array(
      "key;value;unit;from;source;to;status\nformaner.forsorjningsstod.per_hushallsmanad;20 000;kr/månad;2026-01-01;x;;SEEN\n"
        .utf8)
    let rates = try sharedRates.get().adding(userTable: table, named: "satser.csv")
    let scenario = try ScenarioReader(rates: rates).read(path: scenariosDirectory + "/porten-2013-2015.xml").scenario
    // Försörjningsstöd is a transfer: it cancels for society and shows in the municipality's NPV.
    let expected = try Calculator(rates: rates).run(scenario).result(for: .actor(.kommun)).npv
    let original = try Calculator(rates: sharedRates.get()).run(
      try ScenarioReader(rates: sharedRates.get()).read(path: scenariosDirectory + "/porten-2013-2015.xml").scenario)
    try #require(expected != original.result(for: .actor(.kommun)).npv, "the table changes the result")
    let (type, body) = multipart([("rates", "satser.csv", table)], fields: [("base", "porten-2013-2015")])
    try await testApplication().test(.router) { client in
      let location = try await client.execute(
        uri: "/upload", method: .post, headers: [.contentType: type], body: body
      ) { response in
        #expect(response.status == .seeOther)
        return try #require(response.headers[.location])
      }
      try await client.execute(uri: location + "/download/xml", method: .get) { response in
        #expect(response.text.contains("<npv>\(DecimalText.format(expected, decimals: 2))</npv>"))
      }
    }
  }

  /// A table to apply to a scenario that is not listed is refused, not reported as checked.
  @Test func aRateTableForAnUnknownScenarioIsRefused() async throws {
    let table = Array(
      "key;value;unit;from;source;to;status\nformaner.forsorjningsstod.per_hushallsmanad;20 000;kr/månad;2026-01-01;x;;SEEN\n"
        .utf8)
    let (type, body) = multipart([("rates", "satser.csv", table)], fields: [("base", "finns-inte")])
    try await testApplication().test(.router) { client in
      try await client.execute(uri: "/upload", method: .post, headers: [.contentType: type], body: body) { response in
        #expect(response.status == .unprocessableContent)
        #expect(response.text.contains("no listed scenario has the id"))
      }
    }
  }

  /// The reader refuses `<followup file=…>` in an upload at the element, without looking for the
  /// file (so an upload cannot probe the server's disk).
  @Test func anUploadMayNotNameFilesOnTheServer() async throws {
    let text = try String(contentsOfFile: scenariosDirectory + "/uppfoljning-exempel.xml", encoding: .utf8)
    let edited = text.replacingOccurrences(of: "data/uppfoljning-exempel.csv", with: "/etc/passwd")
    try #require(edited != text)
    // An element is placed at the line and column where its start tag begins.
    let start = try #require(edited.range(of: "<followup file="))
    let end = start
    let line = edited[..<end.lowerBound].filter { $0 == "\n" }.count + 1
    try await testApplication().test(.router) { client in
      try await client.execute(
        uri: "/upload", method: .post, headers: [.contentType: "application/xml"],
        body: ByteBuffer(bytes: Array(edited.utf8))
      ) { response in
        #expect(response.status == .unprocessableContent)
        let page = response.text.unescapedXML
        #expect(page.contains("upload.xml:\(line)"))
        #expect(page.contains("names a file on this machine, which this reader does not open"))
        #expect(!page.contains("does not exist"))
      }
    }
  }

  @Test func bodiesOverTheLimitGet413() async throws {
    var state = try sharedState.get()
    state.uploadLimit = 1024
    let big = ByteBuffer(bytes: [UInt8](repeating: 65, count: 4096))
    try await testApplication(state).test(.router) { client in
      try await client.execute(uri: "/upload", method: .post, headers: [.contentType: "text/csv"], body: big) {
        response in
        #expect(response.status == .contentTooLarge)
        #expect(response.headers[.contentSecurityPolicy] == expectedCSP)
      }
      // Exactly at the limit is accepted for checking (and refused as a table, not for its size).
      let atLimit = ByteBuffer(bytes: [UInt8](repeating: 65, count: 1024))
      try await client.execute(uri: "/upload", method: .post, headers: [.contentType: "text/csv"], body: atLimit) {
        response in
        #expect(response.status == .unprocessableContent)
      }
    }
  }

  @Test func malformedMultipartIsRefused() async throws {
    try await testApplication().test(.router) { client in
      try await client.execute(
        uri: "/upload", method: .post, headers: [.contentType: "multipart/form-data; boundary=xyz"],
        body: ByteBuffer(string: "--xyz\r\nContent-Disposition: form-data; name=\"scenario\"\r\n\r\nno end")
      ) { response in
        #expect(response.status == .badRequest)
        #expect(response.text.contains("closing boundary"))
      }
      try await client.execute(
        uri: "/upload", method: .post, headers: [.contentType: "image/png"], body: ByteBuffer(string: "x")
      ) { response in
        #expect(response.status == .badRequest)
      }
    }
  }
}
