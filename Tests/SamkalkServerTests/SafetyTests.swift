import Foundation
import Hummingbird
import HummingbirdTesting
import SamkalkServer
import Testing

@Suite struct SafetyTests {
  @Test(arguments: [
    "/scenario/..%2F..%2Fetc%2Fpasswd", "/scenario/..%2F..%2Fetc%2Fpasswd/download/xml", "/scenario/%2e%2e",
    "/scenario/../../etc/passwd", "/scenario/porten-2013-2015.xml", "/scenario/%2Fetc%2Fpasswd",
    "/scenario/porten-2013-2015/download/..%2F..%2Fetc%2Fpasswd", "/scenario/upload-0000000000000000",
    "/Scenarios/porten-2013-2015.xml", "/compare?id=..%2Fporten-2013-2015&id=porten-2016-2018",
  ])
  func pathsFromRequestsAreRefused(uri: String) async throws {
    try await testApplication().test(.router) { client in
      try await client.execute(uri: uri, method: .get) { response in
        #expect([.notFound, .badRequest].contains(response.status), "\(uri): \(response.status)")
        #expect(response.headers[.contentSecurityPolicy] == expectedCSP)
        #expect(response.headers[.xContentTypeOptions] == "nosniff")
        #expect(!response.text.contains("root:"))
      }
    }
  }

  /// DNS rebinding: a request naming another host is refused; the loopback names are answered.
  @Test func requestsForOtherHostsAreRefused() async throws {
    var state = try sharedState.get()
    // The router test client always sends Host: localhost; allow only 127.0.0.1 to see a refusal.
    state.allowedHosts = ["127.0.0.1"]
    try await testApplication(state).test(.router) { client in
      try await client.execute(uri: "/", method: .get) { response in
        #expect(response.status == .misdirectedRequest)
        #expect(response.headers[.contentSecurityPolicy] == expectedCSP)
        #expect(!response.text.contains("scenario-porten"))
      }
    }
    try await testApplication().test(.router) { client in
      try await client.execute(uri: "/", method: .get) { response in #expect(response.status == .ok) }
    }
    #expect(AppState.allowedHosts(servingOn: "127.0.0.1") == AppState.loopbackHosts)
    #expect(AppState.allowedHosts(servingOn: "192.168.1.5") == AppState.loopbackHosts.union(["192.168.1.5"]))
    #expect(AppState.allowedHosts(servingOn: "[::1]") == AppState.loopbackHosts)
    #expect(AppState.allowedHosts(servingOn: "0.0.0.0") == nil)
  }

  @Test func formFieldsDecodeAndKeepRepeatedNames() {
    let fields = FormFields(urlEncoded: "id=a&id=b%20c&x=1+2&flag&bad=%ZZ")
    #expect(fields.all("id") == ["a", "b c"])
    #expect(fields["x"] == "1 2")
    #expect(fields["flag"] == "")
    #expect(fields["bad"] == nil)
    #expect(FormFields(urlEncoded: fields.encoded) == FormFields(urlEncoded: "id=a&id=b%20c&x=1%202&flag="))
  }

  @Test func multipartPartsAreSplitExactly() throws {
    let (type, body) = multipart([("scenario", "a.xml", Array("line1\r\nline2".utf8))], fields: [("base", "x")])
    let boundary = try #require(MultipartForm.boundary(contentType: type))
    let form = try MultipartForm(bytes: Array(body.readableBytesView), boundary: boundary)
    #expect(form.part("scenario")?.bytes == Array("line1\r\nline2".utf8))
    #expect(form.part("scenario")?.fileName == "a.xml")
    #expect(form.part("base")?.bytes == Array("x".utf8))
    #expect(MultipartForm.boundary(contentType: "text/csv") == nil)
  }
}
