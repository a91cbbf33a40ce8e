import Hummingbird

/// Sets the app's security headers on every response, error pages included, and turns errors
/// into HTML pages in the app's frame.
///
/// The policy allows nothing but inline styles (the reports' CSS), `data:` images, forms posting
/// to the app itself and no framing: the pages have no script, so none is allowed to run.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
  /// The `Host` names to answer; nil answers any (see ``AppState/allowedHosts``).
  var allowedHosts: Set<String>?

  static var contentSecurityPolicy: String {
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; "
      + "base-uri 'none'"
  }

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    var response: Response
    do {
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
    return response
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
