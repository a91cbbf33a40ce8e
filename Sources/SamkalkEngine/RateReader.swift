import SamkalkCore
import SamkalkRates

/// Looks up rates for one run at one date, and remembers every value it handed out.
///
/// The report lists exactly the values the calculation used, with their sources, so every
/// lookup goes through here. Values are cached per key: the date is fixed for the run.
final class RateReader {
  let book: RateBook
  let date: Day
  private(set) var used: [RateKey: ResolvedRate] = [:]
  private(set) var listsUsed: [RateKey: MunicipalityList] = [:]

  init(book: RateBook, date: Day) {
    self.book = book
    self.date = date
  }

  /// A reader that starts from this one's values (already looked up) with some numbers
  /// replaced: a Monte Carlo draw or a sensitivity point. Keys this reader has not resolved
  /// are still looked up in the book.
  func overriding(_ numbers: [RateKey: Double]) -> RateReader {
    let reader = RateReader(book: book, date: date)
    reader.used = used
    reader.listsUsed = listsUsed
    for (key, number) in numbers {
      guard var resolved = reader.used[key] ?? (try? book.resolve(key, at: date)) else { continue }
      resolved.number = number
      reader.used[key] = resolved
    }
    return reader
  }

  func resolve(_ key: RateKey) throws(RateLookupError) -> ResolvedRate {
    if let cached = used[key] { return cached }
    let resolved = try book.resolve(key, at: date)
    used[key] = resolved
    return resolved
  }

  /// The dated municipality list in force on the run's date.
  func list(_ key: RateKey) throws(RateLookupError) -> MunicipalityList {
    if let cached = listsUsed[key] { return cached }
    let list = try book.municipalityList(key, at: date)
    listsUsed[key] = list
    return list
  }

  /// The context a tax method needs, reading through this reader so every use is recorded.
  func taxContext(for municipality: MunicipalTaxRates) -> TaxContext {
    TaxContext(
      municipality: municipality,
      number: { key throws(RateLookupError) in
        let resolved = try self.resolve(key)
        guard let number = resolved.number else {
          throw RateLookupError(key: key.rawValue, date: self.date, message: "rate '\(key)' is not a number")
        }
        return number
      },
      listed: { key throws(RateLookupError) in try self.list(key).contains(municipality.code) })
  }

  /// A numeric value; fails with a message naming the key when the value is an actor or its
  /// unit is not the one the formula expects.
  func number(_ key: RateKey, unit: RateUnit? = nil) throws(EngineError) -> Double {
    let resolved: ResolvedRate
    do { resolved = try resolve(key) } catch { throw EngineError(error.description) }
    if let unit, resolved.value.unit != unit {
      throw EngineError(
        "rate '\(key)' has unit '\(resolved.value.unit.rawValue)' but the calculation needs '\(unit.rawValue)'")
    }
    guard let number = resolved.number else {
      throw EngineError("rate '\(key)' is not a number")
    }
    return number
  }

  func actor(_ key: RateKey) throws(EngineError) -> Actor {
    let resolved: ResolvedRate
    do { resolved = try resolve(key) } catch { throw EngineError(error.description) }
    guard let actor = resolved.actor else { throw EngineError("rate '\(key)' does not name an actor") }
    return actor
  }
}

/// A problem the engine found while computing (a missing rate, an input it cannot use).
struct EngineError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
