import HTTPTypes
import Hummingbird

/// Sets the app's security headers on every response, error pages included, refuses requests
/// whose `Host` or target is missing, doubled or absolute (400), and turns errors into HTML pages
/// in the app's frame.
///
/// The policy allows nothing but inline styles (the reports' CSS), `data:` images, forms posting
/// to the app itself and no framing: the pages have no script, so none is allowed to run.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
  /// The `Host` names to answer; nil answers any (see ``AppState/allowedHosts``).
  var allowedHosts: Set<String>?

  /// `X-Frame-Options` (not among swift-http-types' names).
  static var xFrameOptions: HTTPField.Name { HTTPField.Name("X-Frame-Options")! }

  static var contentSecurityPolicy: String {
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; "
      + "base-uri 'none'"
  }

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    var response: Response
    do {
      if let problem = Self.hostProblem(request) { throw HTTPError(.badRequest, message: problem) }
      if let allowedHosts, let authority = request.head.authority,
        !allowedHosts.contains(Self.hostName(authority))
      {
        throw HTTPError(
          .misdirectedRequest,
          message: "Den här servern svarar bara på \(allowedHosts.sorted().joined(separator: ", ")).")
      }
      response = try await next(request, context)
    } catch let error as HTTPError {
      response = Self.errorPage(error.status, message: error.body)
    } catch let error as any HTTPResponseError {
      response = Self.errorPage(error.status, message: nil)
    } catch {
      context.logger.error("internal error: \(error)")
      response = Self.errorPage(.internalServerError, message: "Ett internt fel inträffade.")
    }
    response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
    response.headers[.xContentTypeOptions] = "nosniff"
    // For browsers that predate CSP's frame-ancestors; and nothing computed from an upload kept in a cache.
    response.headers[Self.xFrameOptions] = "DENY"
    response.headers[.cacheControl] = "no-store"
    return response
  }

  /// Why the request's target or `Host` cannot be trusted to name this server (400), or nil.
  /// HTTP/1.1 requires exactly one `Host` (RFC 9112 §3.2); with two, a proxy and the app could
  /// each believe another; an absolute-form target (`GET http://other/ …`) names its own host,
  /// which RFC 9112 §3.2.2 puts before `Host`, so it is refused rather than answered as local
  /// (``RequestTargetCheck`` marks it, since the HTTP codec keeps only the path).
  static func hostProblem(_ request: Request) -> String? {
    if request.headers[RequestTargetCheck.marker] != nil {
      return "Begäran måste ha en sökväg som börjar med / (inte en fullständig adress)."
    }
    guard let authority = request.head.authority, !authority.isEmpty else {
      return "Begäran saknar Host-huvud."
    }
    // The codec turns the first Host into the authority and keeps any further one as a field.
    if !request.headers[values: RequestTargetCheck.host].isEmpty {
      return "Begäran har mer än ett Host-huvud."
    }
    return nil
  }

  /// `localhost` from `localhost:8080`, `::1` from `[::1]:8080`, lower case.
  static func hostName(_ authority: String) -> String {
    let lower = authority.lowercased()
    if lower.hasPrefix("["), let end = lower.firstIndex(of: "]") {
      return String(lower[lower.index(after: lower.startIndex)..<end])
    }
    if let colon = lower.lastIndex(of: ":") { return String(lower[..<colon]) }
    return lower
  }

  static func errorPage(_ status: HTTPResponse.Status, message: String?) -> Response {
    WebApp.html(AppPages.error(status: status.code, reason: status.reasonPhrase, message: message), status: status)
  }
}
