import SamkalkEngine

/// Uploaded scenarios, kept in memory only (never on disk) so their pages, forms and downloads
/// work like a listed scenario's for a while.
///
/// The store is bounded twice: beyond ``capacity`` entries, or beyond ``maxGroupMonths``
/// group-months together (an entry's ledgers grow with its ``Scenario/groupMonths``), the oldest
/// uploads are forgotten, so a client that uploads in a loop cannot exhaust memory. The newest
/// upload is always kept (the reader already bounds one scenario to ``Scenario/maxGroupMonths``).
public actor UploadStore {
  /// The most uploads kept at once.
  public nonisolated let capacity: Int
  /// The most group-months kept together: two of the largest scenarios the reader accepts.
  public nonisolated let maxGroupMonths: Int
  private var entries: [CatalogEntry] = []

  public init(capacity: Int = 32, maxGroupMonths: Int = 2 * Scenario.maxGroupMonths) {
    self.capacity = max(1, capacity)
    self.maxGroupMonths = max(1, maxGroupMonths)
  }

  /// Stores `entry` under a fresh random id `upload-<16 hex digits>` and returns the id.
  public func add(_ entry: CatalogEntry) -> String {
    var stored = entry
    stored.id = "upload-" + Self.randomHex()
    entries.append(stored)
    if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
    while entries.count > 1 && keptGroupMonths > maxGroupMonths { entries.removeFirst() }
    return stored.id
  }

  /// The group-months of the uploads kept.
  public var keptGroupMonths: Int { entries.reduce(0) { $0 + $1.result.scenario.groupMonths } }

  /// The number of uploads kept.
  public var count: Int { entries.count }

  /// The upload stored under exactly `id`, while it is still kept.
  public func entry(id: String) -> CatalogEntry? { entries.first { $0.id == id } }

  static func randomHex() -> String {
    let value = UInt64.random(in: .min ... .max)
    let hex = String(value, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
