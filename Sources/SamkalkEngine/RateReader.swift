import SamkalkCore
import SamkalkRates

/// Looks up rates for one run at one date, and remembers every value it handed out.
///
/// The report lists exactly the values the calculation used, with their sources, so every
/// lookup goes through here. Values are cached per key: the date is fixed for the run.
///
/// The caches are exempt from the run-time exclusivity checks (`@exclusivity(unchecked)`): a
/// Monte Carlo draw reads them some sixty times, and each checked access cost about as much as
/// the lookup. No two accesses to one overlap: each method reads or writes a cache in one
/// statement that calls nothing touching the same cache, and a reader is used by one thread at
/// a time (a base reader that threads share is only read, see ``overriding(_:)``).
final class RateReader {
  let book: RateBook
  let date: Day
  @exclusivity(unchecked) private(set) var used: [RateKey: ResolvedRate] = [:]
  @exclusivity(unchecked) private(set) var listsUsed: [RateKey: MunicipalityList] = [:]
  /// A draw's reader reads through to the base run's reader (never writing to it, so that
  /// threads can share it) and replaces some numbers.
  private let parent: RateReader?
  /// The replaced numbers, as a list: a draw replaces a handful, and comparing keys costs less
  /// than hashing them again for every lookup.
  private let replaced: [(key: RateKey, number: Double)]
  /// When set, every key looked up is added: the keys a profile depends on.
  @exclusivity(unchecked) var trace: Set<RateKey>?

  init(book: RateBook, date: Day) {
    self.book = book
    self.date = date
    self.parent = nil
    self.replaced = []
  }

  private init(parent: RateReader, replacing numbers: [RateKey: Double]) {
    self.book = parent.book
    self.date = parent.date
    self.parent = parent
    self.replaced = numbers.map { ($0.key, $0.value) }
  }

  private func replacement(of key: RateKey) -> Double? {
    for entry in replaced where entry.key == key { return entry.number }
    return nil
  }

  /// A reader that starts from this one's values (already looked up) with some numbers
  /// replaced: a Monte Carlo draw or a sensitivity point. Keys this reader has not resolved
  /// are looked up in the book by the new reader itself; this one is only read.
  func overriding(_ numbers: [RateKey: Double]) -> RateReader {
    RateReader(parent: self, replacing: numbers)
  }

  func resolve(_ key: RateKey) throws(RateLookupError) -> ResolvedRate {
    trace?.insert(key)
    // A draw's own caches are empty until it reads a key its parent never read: skip the hashing.
    if !used.isEmpty, let cached = used[key] { return cached }
    var resolved: ResolvedRate
    if let inherited = parent?.used[key] {
      guard let number = replacement(of: key), inherited.number != nil else { return inherited }
      resolved = inherited
      resolved.number = number
    } else {
      resolved = try book.resolve(key, at: date)
      if let number = replacement(of: key), resolved.number != nil { resolved.number = number }
    }
    used[key] = resolved
    return resolved
  }

  /// Numbers and units already looked up, without copying a whole ``ResolvedRate`` (sources,
  /// notes) for each of a draw's hundreds of lookups.
  @exclusivity(unchecked) private var numbers: [RateKey: (number: Double?, unit: RateUnit)] = [:]

  private func numeric(_ key: RateKey) throws(RateLookupError) -> (number: Double?, unit: RateUnit) {
    trace?.insert(key)
    if !numbers.isEmpty, let known = numbers[key] { return known }
    if let inherited = parent?.numbers[key] {
      guard let number = replacement(of: key), inherited.number != nil else { return inherited }
      return (number, inherited.unit)
    }
    let resolved = try resolve(key)
    let value = (resolved.number, resolved.value.unit)
    numbers[key] = value
    return value
  }

  /// Unit costs' payers, payees, units and ledger items, as ``unitCost(_:item:)`` found them.
  @exclusivity(unchecked) private var unitCosts: [RateKey: UnitCostInfo] = [:]

  /// Who pays a unit cost (its parameter's `payer`), whom a fee is paid to (`payee`), the
  /// unit its price is in and the ledger item `item` names it by, found once a run: every
  /// profile with a service asks, every draw, and the parameter's information is a large value
  /// to copy out of the book each time.
  func unitCost(_ key: RateKey, item: (RateKey) -> String) throws(EngineError) -> UnitCostInfo {
    if !unitCosts.isEmpty, let known = unitCosts[key] { return known }
    if let known = parent?.unitCosts[key] { return known }
    guard let info = book.info(for: key), let payer = info.payer else {
      throw EngineError("unit cost '\(key)' names no payer")
    }
    let found = UnitCostInfo(payer: payer, payee: info.payee, unit: info.unit, item: item(key))
    unitCosts[key] = found
    return found
  }

  /// The dated municipality list in force on the run's date.
  func list(_ key: RateKey) throws(RateLookupError) -> MunicipalityList {
    if let cached = listsUsed[key] ?? parent?.listsUsed[key] { return cached }
    let list = try book.municipalityList(key, at: date)
    listsUsed[key] = list
    return list
  }
  /// The context a tax method needs, reading through this reader so every use is recorded.
  func taxContext(for municipality: MunicipalTaxRates) -> TaxContext {
    TaxContext(
      municipality: municipality,
      number: { key throws(RateLookupError) in
        guard let number = try self.numeric(key).number else {
          throw RateLookupError(key: key.rawValue, date: self.date, message: "rate '\(key)' is not a number")
        }
        return number
      },
      listed: { key throws(RateLookupError) in try self.list(key).contains(municipality.code) })
  }

  /// A numeric value; fails with a message naming the key when the value is an actor or its
  /// unit is not the one the formula expects.
  func number(_ key: RateKey, unit: RateUnit? = nil) throws(EngineError) -> Double {
    let resolved: (number: Double?, unit: RateUnit)
    do { resolved = try numeric(key) } catch { throw EngineError(error.description) }
    if let unit, resolved.unit != unit {
      throw EngineError(
        "rate '\(key)' has unit '\(resolved.unit.rawValue)' but the calculation needs '\(unit.rawValue)'")
    }
    guard let number = resolved.number else {
      throw EngineError("rate '\(key)' is not a number")
    }
    return number
  }

  /// A numeric value, or `nil` when the key has no value on the run's date (before its first
  /// value, in a gap, after its coverage without extrapolation): for a rule that changes when
  /// a law does (the a-kassa rules of 2025-10-01). A value in the wrong unit is still an error.
  func numberIfInForce(_ key: RateKey, unit: RateUnit) throws(EngineError) -> Double? {
    do {
      _ = try numeric(key)
    } catch {
      return nil
    }
    return try number(key, unit: unit)
  }

  /// Values looked up on another date than the run's (``number(_:unit:ifInForceOn:)``), the
  /// first of each key: the report lists them beside ``used`` for the keys the run did not use
  /// on its own date. Kept apart from ``used``, which answers the lookups on the run's date.
  @exclusivity(unchecked) private(set) var usedOnOtherDates: [RateKey: ResolvedRate] = [:]

  /// Numbers looked up on another date than the run's, by key and date.
  @exclusivity(unchecked) private var datedNumbers: [DatedKey: (number: Double?, unit: RateUnit)?] = [:]

  struct DatedKey: Hashable {
    var key: RateKey
    var date: Day
  }

  /// A number in force on `date` rather than on the run's date, or `nil` when the key has no
  /// value then: for a rule of the law that follows the calendar month by month (a temporary
  /// reduction of the arbetsgivaravgift, an age limit that moves), not for prices, which stay
  /// those of the rates date. The value is recorded as used (``usedOnOtherDates``) and traced; a draw's replaced number replaces it too.
  func number(_ key: RateKey, unit: RateUnit, ifInForceOn date: Day) throws(EngineError) -> Double? {
    guard date != self.date else { return try numberIfInForce(key, unit: unit) }
    trace?.insert(key)
    let dated = DatedKey(key: key, date: date)
    let found: (number: Double?, unit: RateUnit)?
    if !datedNumbers.isEmpty, let known = datedNumbers[dated] {
      found = known
    } else if let known = parent?.datedNumbers[dated] {
      found = known
    } else {
      do {
        let resolved = try book.resolve(key, at: date)
        if usedOnOtherDates[key] == nil && parent?.usedOnOtherDates[key] == nil { usedOnOtherDates[key] = resolved }
        found = (resolved.number, resolved.value.unit)
      } catch {
        found = nil
      }
      datedNumbers[dated] = found
    }
    guard let found else { return nil }
    guard found.unit == unit else {
      throw EngineError(
        "rate '\(key)' has unit '\(found.unit.rawValue)' but the calculation needs '\(unit.rawValue)'")
    }
    if let number = replacement(of: key), found.number != nil { return number }
    guard let number = found.number else { throw EngineError("rate '\(key)' is not a number") }
    return number
  }

  /// Actors already looked up (the payers of benefits), without copying a ``ResolvedRate``
  /// out for every benefit of every profile of every draw.
  @exclusivity(unchecked) private var actors: [RateKey: Actor] = [:]

  func actor(_ key: RateKey) throws(EngineError) -> Actor {
    if trace == nil, let known = actors.isEmpty ? parent?.actors[key] : actors[key] ?? parent?.actors[key] {
      return known
    }
    let resolved: ResolvedRate
    do { resolved = try resolve(key) } catch { throw EngineError(error.description) }
    guard let actor = resolved.actor else { throw EngineError("rate '\(key)' does not name an actor") }
    actors[key] = actor
    return actor
  }
}

/// What the flows need to know of a unit cost besides its price.
struct UnitCostInfo {
  var payer: Actor
  /// Set for a fee: the payer pays this actor (a transfer) instead of using up a resource.
  var payee: Actor?
  var unit: RateUnit
  var item: String
}

/// A problem the engine found while computing (a missing rate, an input it cannot use).
struct EngineError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
