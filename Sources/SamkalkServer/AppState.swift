import Foundation
import SamkalkCore
import SamkalkInput
import SamkalkRates

/// Everything the app's handlers share: the listed scenarios, the rate book they were computed
/// with, the uploads kept in memory and the limits. Built once before the server starts.
public struct AppState: Sendable {
  /// The scenarios of the served folder.
  public var catalog: ScenarioCatalog
  /// The shipped tables plus `--rates` files; uploads add to a copy of it.
  public var rates: RateBook
  /// Uploaded scenarios, in memory only.
  public var uploads: UploadStore
  /// Where uploads, changed forms and downloads are computed, one at a time.
  public var compute: ComputeQueue
  /// Written into every report's provenance.
  public var samkalkVersion: String
  /// The largest request body accepted (an upload); larger bodies get 413.
  public var uploadLimit: Int
  /// The host names a request's `Host` may name (lower case, IPv6 without brackets); nil allows
  /// any. A page on another site that makes its own name resolve to 127.0.0.1 (DNS rebinding)
  /// sends its own name as `Host`, so it is refused with 421 instead of reading the app's pages.
  public var allowedHosts: Set<String>?

  /// The names of this machine's loopback interface.
  public static let loopbackHosts: Set<String> = ["127.0.0.1", "localhost", "::1"]

  /// The hosts to allow when serving on `host`: the loopback names plus `host` itself; nil (any)
  /// for a wildcard address (`0.0.0.0`, `::`), whose names the app cannot know.
  public static func allowedHosts(servingOn host: String) -> Set<String>? {
    let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
    return ["0.0.0.0", "::"].contains(name) ? nil : loopbackHosts.union([name])
  }

  /// 2 MiB: far above any real scenario or rate table, small enough to parse in memory.
  public static let defaultUploadLimit = 2 * 1024 * 1024

  /// `uploads` and `uploadLimit` are parameters so that tests can use a small store and limit.
  public init(
    catalog: ScenarioCatalog, rates: RateBook, samkalkVersion: String, uploads: UploadStore = UploadStore(),
    uploadLimit: Int = AppState.defaultUploadLimit, allowedHosts: Set<String>? = AppState.loopbackHosts,
    compute: ComputeQueue = ComputeQueue()
  ) {
    self.allowedHosts = allowedHosts
    self.compute = compute
    self.catalog = catalog
    self.rates = rates
    self.uploads = uploads
    self.samkalkVersion = samkalkVersion
    self.uploadLimit = uploadLimit
  }

  /// Reads and computes the scenarios of `directory` with `rates`.
  public static func load(
    scenarios directory: String, rates: RateBook, samkalkVersion: String
  ) throws(DiagnosticError) -> AppState {
    AppState(
      catalog: try ScenarioCatalog.load(directory: directory, rates: rates, samkalkVersion: samkalkVersion),
      rates: rates, samkalkVersion: samkalkVersion)
  }

  /// A listed scenario or an upload, by exact id; nil for anything else.
  public func entry(id: String) async -> CatalogEntry? {
    if let entry = catalog.entry(id: id) { return entry }
    guard id.hasPrefix("upload-") else { return nil }
    return await uploads.entry(id: id)
  }
}
