import Hummingbird

/// Sets the app's security headers on every response, error pages included, and turns errors
/// into HTML pages in the app's frame.
///
/// The policy allows nothing but inline styles (the reports' CSS), `data:` images, forms posting
/// to the app itself and no framing: the pages have no script, so none is allowed to run.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
  static var contentSecurityPolicy: String {
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; "
      + "base-uri 'none'"
  }

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    var response: Response
    do {
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

  static func errorPage(_ status: HTTPResponse.Status, message: String?) -> Response {
    WebApp.html(AppPages.error(status: status.code, reason: status.reasonPhrase, message: message), status: status)
  }
}
