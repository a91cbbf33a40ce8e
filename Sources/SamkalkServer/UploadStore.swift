/// Uploaded scenarios, kept in memory only (never on disk) so their pages, forms and downloads
/// work like a listed scenario's for a while.
///
/// The store is bounded: beyond ``capacity`` entries the oldest upload is forgotten, so a
/// client that uploads in a loop cannot exhaust memory.
public actor UploadStore {
  /// The most uploads kept at once.
  public let capacity: Int
  private var entries: [CatalogEntry] = []

  public init(capacity: Int = 32) {
    self.capacity = max(1, capacity)
  }

  /// Stores `entry` under a fresh random id `upload-<16 hex digits>` and returns the id.
  public func add(_ entry: CatalogEntry) -> String {
    var stored = entry
    stored.id = "upload-" + Self.randomHex()
    entries.append(stored)
    if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
    return stored.id
  }

  /// The upload stored under exactly `id`, while it is still kept.
  public func entry(id: String) -> CatalogEntry? { entries.first { $0.id == id } }

  static func randomHex() -> String {
    let value = UInt64.random(in: .min ... .max)
    let hex = String(value, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
