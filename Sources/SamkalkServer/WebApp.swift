import Hummingbird
import HummingbirdCore
import NIOCore
import SamkalkEngine
import SamkalkReports

/// The local web app behind `samkalk serve`: routes, handlers and the Hummingbird application.
///
/// | route | page |
/// |---|---|
/// | `GET /` | the listed scenarios with headline results; compare checkboxes; upload form |
/// | `GET /scenario/{id}` | the HTML report and the assumptions form; with `apply=1&…`, the changed report beside the original |
/// | `GET /scenario/{id}/download/{xml,csv,xlsx,html}` | the report as a file (with the form's query: the changed one) |
/// | `GET /compare?id=a&id=b[&by=npv,payback,bcr]` | the measures side by side |
/// | `GET /upload`, `POST /upload` | upload a scenario (XML) or a rate table (CSV), multipart or raw body |
///
/// Ids are looked up among the listed scenarios and the in-memory uploads; nothing from a request
/// becomes a path. Every response carries the headers of ``SecurityHeadersMiddleware``.
public enum WebApp {
  /// The router with every route and the security middleware.
  public static func router(_ state: AppState) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self, options: [.autoGenerateHeadEndpoints])
    router.add(middleware: SecurityHeadersMiddleware(allowedHosts: state.allowedHosts))
    router.get("/") { _, _ in html(AppPages.start(state)) }
    router.get("/scenario/:id") { request, context in
      let entry = try await entry(context, state)
      let fields = FormFields(urlEncoded: request.uri.query)
      // A submitted form is computed on the queue; the plain page only renders the kept result.
      let page =
        fields.contains(AssumptionForm.submitField)
        ? try await state.compute.run { AppPages.scenario(entry, fields: fields) }
        : AppPages.scenario(entry, fields: fields)
      return html(page.bytes, status: .init(code: page.status))
    }
    router.get("/scenario/:id/download/:format") { request, context in
      try await download(request, context, state)
    }
    router.get("/compare") { request, _ in
      let fields = FormFields(urlEncoded: request.uri.query)
      var entries: [CatalogEntry] = []
      for id in fields.all("id") {
        guard let entry = await state.entry(id: id) else {
          throw HTTPError(.notFound, message: "Inget scenario har id '\(id)'.")
        }
        entries.append(entry)
      }
      guard let criterion = ComparisonCriterion(rawValue: fields["by"] ?? "npv") else {
        throw HTTPError(.badRequest, message: "Okänt rangordningskriterium: välj npv, payback eller bcr.")
      }
      guard entries.count >= 2 else {
        throw HTTPError(.badRequest, message: "Markera minst två scenarier att jämföra (\(entries.count) markerade).")
      }
      let page = AppPages.compare(entries, criterion: criterion, samkalkVersion: state.samkalkVersion)
      return html(page.bytes, status: .init(code: page.status))
    }
    router.get("/upload") { _, _ in html(AppPages.upload(state)) }
    router.post("/upload") { request, context in try await upload(request, context, state) }
    return router
  }

  /// How long a connection may stay without a complete request part: a client that opens
  /// connections and sends its headers slowly, or not at all, is cut off after this, so
  /// thousands of half-open connections cannot hold the server (they made requests wait 45 s).
  public static let defaultIdleTimeout = TimeAmount.seconds(15)

  /// The application bound to `host:port` (port 0: any free port, reported to `onServerRunning`),
  /// with ``RequestTargetCheck`` and the idle timeout on every connection.
  public static func application(
    _ state: AppState, host: String = "127.0.0.1", port: Int = 8080, idleTimeout: TimeAmount = defaultIdleTimeout,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
  ) -> some ApplicationProtocol {
    Application(
      router: router(state),
      server: HTTPServerBuilder { responder in
        CheckedHTTP1Channel(
          inner: HTTP1Channel(responder: responder, configuration: .init(idleTimeout: idleTimeout)))
      },
      configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "samkalk"),
      onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) })
  }

  /// A `text/html` response.
  static func html(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status, headers: [.contentType: "text/html; charset=utf-8"],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
  }

  /// The listed scenario or upload named by the `id` parameter; 404 for anything else.
  static func entry(_ context: BasicRequestContext, _ state: AppState) async throws -> CatalogEntry {
    guard let id = context.parameters.get("id"), let entry = await state.entry(id: id) else {
      throw HTTPError(.notFound, message: "Det finns inget sådant scenario. Välj ett på startsidan.")
    }
    return entry
  }

  static func download(_ request: Request, _ context: BasicRequestContext, _ state: AppState) async throws -> Response {
    let entry = try await entry(context, state)
    guard let name = context.parameters.get("format"), let format = ReportFormat(rawValue: name) else {
      throw HTTPError(.notFound, message: "Rapporter finns som xml, csv, xlsx och html.")
    }
    let fields = FormFields(urlEncoded: request.uri.query)
    let rendered = try await state.compute.run { ReportDownload.render(entry, fields: fields, format: format) }
    let result: ScenarioResult
    let bytes: [UInt8]
    switch rendered {
    case .page(let status, let page):
      return html(page, status: .init(code: status))
    case .failed(let message):
      throw HTTPError(.internalServerError, message: message)
    case .file(let rendered, let renderedBytes):
      result = rendered
      bytes = renderedBytes
    }
    let fileName = ReportDownload.fileName(result.scenario.id, format)
    return Response(
      status: .ok,
      headers: [.contentType: format.contentType, .contentDisposition: "attachment; filename=\"\(fileName)\""],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
  }

  static func upload(_ request: Request, _ context: BasicRequestContext, _ state: AppState) async throws -> Response {
    if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > state.uploadLimit {
      throw HTTPError(
        .contentTooLarge, message: "Filen är större än \(state.uploadLimit / 1024 / 1024) MiB och tas inte emot.")
    }
    let buffer = try await request.body.collect(upTo: state.uploadLimit)
    let body = Array(buffer.readableBytesView)
    let upload: Upload
    do {
      upload = try Upload(
        contentType: request.headers[.contentType] ?? "", body: body, query: FormFields(urlEncoded: request.uri.query))
    } catch {
      return html(AppPages.upload(state, diagnostics: ["upload: error: \(error.description)"]), status: .badRequest)
    }
    switch try await state.compute.run({ upload.process(state) }) {
    case .computed(let entry):
      let id = await state.uploads.add(entry)
      return Response(status: .seeOther, headers: [.location: "/scenario/\(id)", .contentType: "text/plain"])
    case .refused(let diagnostics):
      return html(AppPages.upload(state, diagnostics: diagnostics), status: .unprocessableContent)
    case .checked(let notes):
      return html(AppPages.upload(state, notes: notes))
    }
  }
}
