import Foundation
import SamkalkServer
import Testing

/// Hostile `multipart/form-data` bodies (issue 23, item 9): the framing is multipart-kit's; the
/// limits and the refusals around it are the app's. Boundary `b`.
@Suite struct MultipartTests {
  static func part(_ name: String, _ content: String, extra: String = "") -> String {
    "--b\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\(extra)\r\n\(content)\r\n"
  }

  /// Bodies that must be refused, with a part of the message the upload page shows.
  @Test(arguments: [
    (
      "truncated in a part", "--b\r\nContent-Disposition: form-data; name=\"scenario\"\r\n\r\nno end",
      "closing boundary"
    ),
    ("truncated after a delimiter", part("base", "x") + "--b\r\n", "closing boundary"),
    ("truncated in the headers", "--b\r\nContent-Disposition: form-da", "closing boundary"),
    ("no boundary at all", "just text", "no part"),
    ("a header line without a colon", "--b\r\nGarbage\r\n\r\nx\r\n--b--\r\n", "malformed"),
    (
      "line feeds without carriage returns", "--b\nContent-Disposition: form-data; name=\"x\"\n\nx\n--b--\n",
      "malformed"
    ),
    ("a part without a name", "--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--\r\n", "with a name"),
    ("a part without Content-Disposition", "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n", "with a name"),
    ("17 parts", String(repeating: part("base", "x"), count: 17) + "--b--\r\n", "more than 16 parts"),
    (
      "17 headers in a part",
      "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n" + String(repeating: "X-A: 1\r\n", count: 16)
        + "\r\nx\r\n--b--\r\n", "more than 16 headers"
    ),
    (
      "a 5 000-byte header",
      "--b\r\nContent-Disposition: form-data; name=\"x\"; filename=\"\(String(repeating: "a", count: 5000))\"\r\n"
        + "\r\nx\r\n--b--\r\n", "longer than 4096 bytes"
    ),
  ])
  func hostileBodiesAreRefused(label: String, body: String, message: String) {
    #expect(throws: MultipartForm.FormatError.self, "\(label)") {
      try MultipartForm(bytes: Array(body.utf8), boundary: "b")
    }
    do {
      _ = try MultipartForm(bytes: Array(body.utf8), boundary: "b")
    } catch {
      #expect(error.description.contains(message), "\(label): \(error.description)")
    }
  }

  /// Quotes keep `;` and `=` in a file name; `filename` is not read as `name`; the order of the
  /// parameters does not matter; a preamble and an epilogue are ignored; a boundary-like text
  /// not at a line start is content.
  @Test func partsAreReadExactly() throws {
    let body =
      "preamble\r\n"
      + "--b\r\nContent-Disposition: form-data; filename=\"a;b=c.xml\"; name=\"scenario\"\r\n"
      + "Content-Type: application/xml\r\n\r\nline1\r\nline2 --b not a boundary\r\n"
      + "--b\r\nContent-Disposition: form-data; name=base\r\n\r\nporten\r\n"
      + "--b\r\nContent-Disposition: form-data; name=\"empty\"\r\n\r\n\r\n"
      + "--b--\r\nepilogue --b\r\n"
    let form = try MultipartForm(bytes: Array(body.utf8), boundary: "b")
    #expect(form.parts.map(\.name) == ["scenario", "base", "empty"])
    #expect(form.part("scenario")?.fileName == "a;b=c.xml")
    #expect(form.part("scenario")?.bytes == Array("line1\r\nline2 --b not a boundary".utf8))
    #expect(form.part("base")?.bytes == Array("porten".utf8))
    #expect(form.part("base")?.fileName == nil)
    #expect(form.part("empty")?.bytes == [])
  }

  @Test func boundariesFollowRFC2046() {
    #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=abc") == "abc")
    #expect(MultipartForm.boundary(contentType: "Multipart/Form-Data; charset=utf-8; boundary=\"a b\"") == "a b")
    #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=") == nil)
    #expect(
      MultipartForm.boundary(contentType: "multipart/form-data; boundary=\(String(repeating: "x", count: 71))") == nil)
    #expect(MultipartForm.boundary(contentType: "multipart/form-data") == nil)
    #expect(MultipartForm.boundary(contentType: "text/csv") == nil)
  }
}
