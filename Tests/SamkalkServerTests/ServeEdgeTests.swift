import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SamkalkEngine
import SamkalkServer
import SamkalkTestSupport
import Testing

/// The edges of the HTTP server (issue 23, item 8): requests whose target or `Host` is not as
/// HTTP/1.1 requires, connections that never finish a request, headers beside the CSP, and
/// form values that are not text.
@Suite struct ServeEdgeTests {
  /// Raw requests against a live server on a loopback port.
  @Test func hostAndTargetAreChecked() async throws {
    let app = WebApp.application(try sharedState.get(), host: "127.0.0.1", port: 0)
    try await app.test(.live) { client in
      let port = try #require(client.port)
      // The well-formed request is answered.
      #expect(
        try await RawHTTP.status(port: port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n") == 200)
      // No Host.
      #expect(try await RawHTTP.status(port: port, "GET / HTTP/1.1\r\nConnection: close\r\n\r\n") == 400)
      #expect(try await RawHTTP.status(port: port, "GET / HTTP/1.0\r\nConnection: close\r\n\r\n") == 400)
      // A second Host.
      #expect(
        try await RawHTTP.status(
          port: port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n") == 400)
      // An absolute-form target, with another host or with this one.
      #expect(
        try await RawHTTP.status(
          port: port, "GET http://evil.example/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n") == 400)
      #expect(
        try await RawHTTP.status(
          port: port,
          "GET http://127.0.0.1/scenario/porten-2013-2015 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Connection: close\r\n\r\n") == 400)
      // A client's own marker does not refuse a good request.
      #expect(
        try await RawHTTP.status(
          port: port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Samkalk-Target-Refused: 1\r\nConnection: close\r\n\r\n")
          == 200)
    }
  }

  /// A connection that sends half a request head is closed after the idle timeout (here 300 ms;
  /// 15 s in `samkalk serve`); a full request on another connection is answered meanwhile.
  @Test func slowHeadersAreCutOff() async throws {
    let app = WebApp.application(
      try sharedState.get(), host: "127.0.0.1", port: 0, idleTimeout: .milliseconds(300))
    try await app.test(.live) { client in
      let port = try #require(client.port)
      let slow = try RawHTTP(port: port)
      slow.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
      #expect(
        try await RawHTTP.status(port: port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n") == 200)
      // Closed by the server (not by the 20 s receive timeout of the test's socket).
      #expect(await slow.readUntilClosed() != nil)
      let silent = try RawHTTP(port: port)
      #expect(await silent.readUntilClosed() != nil)
    }
  }

  @Test func aSecondHostFieldIsRefusedByTheRouter() async throws {
    try await testApplication().test(.router) { client in
      try await client.execute(uri: "/", method: .get, headers: [HTTPField.Name("Host")!: "evil.example"]) {
        response in
        #expect(response.status == .badRequest)
        #expect(response.headers[.contentSecurityPolicy] == expectedCSP)
      }
    }
  }

  @Test(arguments: ["/", "/scenario/porten-2013-2015", "/scenario/nothing", "/upload"])
  func framingAndCachingAreForbidden(uri: String) async throws {
    try await testApplication().test(.router) { client in
      try await client.execute(uri: uri, method: .get) { response in
        #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
        #expect(response.headers[.cacheControl] == "no-store")
        #expect(response.headers[.contentSecurityPolicy] == expectedCSP)
      }
    }
  }

  /// `%ff%fe` is no UTF-8: refused with 422 and a message, not dropped (the untouched page was 200).
  @Test(arguments: [
    "apply=1&horizon=%ff%fe", "apply=1&deadweight=%C3", "apply=1&%ff=1", "apply=%ff&horizon=8",
  ])
  func undecodableFormValuesAreRefused(query: String) async throws {
    try await testApplication().test(.router) { client in
      try await client.execute(uri: "/scenario/porten-2013-2015?\(query)", method: .get) { response in
        #expect(response.status == .unprocessableContent, "\(query)")
        #expect(response.text.unescapedXML.contains("är inte läsbar text"), "\(query)")
      }
      try await client.execute(uri: "/scenario/porten-2013-2015/download/xml?\(query)", method: .get) { response in
        #expect(response.status == .unprocessableContent, "\(query)")
      }
    }
    let fields = FormFields(urlEncoded: query)
    #expect(!fields.undecodable.isEmpty)
  }

  /// An upload within the limit is computed; the same scenario with a horizon that makes it too
  /// large to compute (100 outcomes, 200 groups: 10 years are 24 000 group-months, 100 years
  /// 240 000) is refused on the page with the limit, not computed.
  @Test func aFormThatMakesTheScenarioTooLargeIsRefused() async throws {
    let file = Array(GeneratedScenarios.manyOutcomes(100, years: 10).utf8)
    try await testApplication().test(.router) { client in
      let id = try await client.execute(
        uri: "/upload?name=many.xml", method: .post, headers: [.contentType: "application/xml"],
        body: ByteBuffer(bytes: file)
      ) { response in
        #expect(response.status == .seeOther, "\(response.text)")
        return String(response.headers[.location]?.dropFirst("/scenario/".count) ?? "")
      }
      try await client.execute(uri: "/scenario/\(id)?apply=1&horizon=100", method: .get) { response in
        #expect(response.status == .unprocessableContent)
        let page = response.text.unescapedXML
        #expect(page.contains("200 population groups over 1200 months (240000 group-months)"))
        #expect(page.contains("more than the limit of \(Scenario.maxGroupMonths) group-months"))
      }
    }
  }

  /// An upload larger than the limit is refused at its `<outcomes>` line.
  @Test func anUploadTooLargeToComputeIsRefused() async throws {
    let file = Array(GeneratedScenarios.manyOutcomes(400, years: 100).utf8)
    try await testApplication().test(.router) { client in
      try await client.execute(
        uri: "/upload?name=many.xml", method: .post, headers: [.contentType: "application/xml"],
        body: ByteBuffer(bytes: file)
      ) { response in
        #expect(response.status == .unprocessableContent)
        let page = response.text.unescapedXML
        #expect(page.contains("many.xml:15"))
        #expect(page.contains("800 population groups over 1200 months (960000 group-months)"))
      }
    }
  }
}
