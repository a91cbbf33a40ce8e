import Foundation
import Hummingbird
import HummingbirdTesting
import SamkalkCore
import SamkalkEngine
import SamkalkReports
import SamkalkServer
import Testing

@Suite struct StartPageTests {
  @Test func listsEveryShippedScenarioWithItsHeadlineResult() async throws {
    let files = try shippedScenarioFiles()
    #expect(files.count >= 7)
    try await testApplication().test(.router) { client in
      try await client.execute(uri: "/", method: .get) { response in
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "text/html; charset=utf-8")
        let page = response.text.unescapedXML
        for file in files {
          let id = String(file.dropLast(".xml".count))
          let expected = try directResult(file)
          let society = expected.result(for: .samhallet)
          #expect(page.contains("href=\"/scenario/\(id)\""), "no link to \(id)")
          #expect(page.contains(expected.scenario.title), "no title for \(id)")
          #expect(page.contains("\(expected.municipality.name) (\(expected.municipality.code))"))
          // The headline figure is the engine's NPV for society, as the list writes it.
          let row = try #require(page.range(of: "id=\"scenario-\(id)\"")).upperBound
          let rest = String(page[row...])
          #expect(rest.dataNPVFirst == DecimalText.format(society.npv, decimals: 2), "NPV of \(id)")
          #expect(rest.contains(HumanNumber(.sv).integer(society.npv)))
          #expect(rest.contains(ReportStrings(.sv).payback(society.payback)))
        }
      }
    }
  }

  @Test func everyRouteSetsTheSecurityHeaders() async throws {
    try await testApplication().test(.router) { client in
      for uri in ["/", "/upload", "/scenario/porten-2013-2015", "/no/such/page", "/compare?id=porten-2013-2015"] {
        try await client.execute(uri: uri, method: .get) { response in
          #expect(response.headers[.contentSecurityPolicy] == expectedCSP, "CSP on \(uri)")
          #expect(response.headers[.xContentTypeOptions] == "nosniff", "nosniff on \(uri)")
        }
      }
    }
  }

  @Test func pagesHaveNoScript() async throws {
    try await testApplication().test(.router) { client in
      for uri in ["/", "/upload", "/scenario/porten-2016-2018"] {
        try await client.execute(uri: uri, method: .get) { response in
          #expect(response.status == .ok)
          #expect(!response.text.lowercased().contains("<script"), "script in \(uri)")
        }
      }
    }
  }

  @Test func comparesCheckedScenariosSideBySide() async throws {
    let a = try directResult("jamforelse-a-coachning.xml")
    let b = try directResult("jamforelse-b-lonestod.xml")
    try await testApplication().test(.router) { client in
      try await client.execute(
        uri: "/compare?id=jamforelse-a-coachning&id=jamforelse-b-lonestod", method: .get
      ) { response in
        #expect(response.status == .ok)
        let page = response.text.unescapedXML
        #expect(page.contains(ReportStrings(.sv)[.comparisonTitle]))
        for result in [a, b] {
          #expect(page.contains(result.scenario.title))
          #expect(page.contains(HumanNumber(.sv).integer(result.result(for: .samhallet).npv)))
        }
      }
      try await client.execute(uri: "/compare?id=jamforelse-a-coachning", method: .get) { response in
        #expect(response.status == .badRequest)
        #expect(response.text.contains("minst två"))
      }
    }
  }

  @Test func downloadsTheReportsAsFiles() async throws {
    try await testApplication().test(.router) { client in
      for (format, type, start) in [
        ("xml", "application/xml; charset=utf-8", "<?xml"), ("csv", "text/csv; charset=utf-8", "actor,year,"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK"),
      ] {
        try await client.execute(uri: "/scenario/porten-2016-2018/download/\(format)", method: .get) { response in
          #expect(response.status == .ok)
          #expect(response.headers[.contentType] == type)
          #expect(response.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"") == true)
          #expect(response.text.hasPrefix(start), "\(format) starts with \(response.text.prefix(20))")
        }
      }
    }
  }
}

extension String {
  /// The first `data-npv` value in the text.
  var dataNPVFirst: String? {
    guard let open = range(of: "data-npv=\""), let close = self[open.upperBound...].firstIndex(of: "\"") else {
      return nil
    }
    return String(self[open.upperBound..<close])
  }
}
