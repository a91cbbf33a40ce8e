import Foundation
import SamkalkCore

/// A shipped parameter: its description and its dated values, sorted by `from`.
struct RateParameter: Hashable, Sendable {
  var info: RateParameterInfo
  var values: [RateValue]
  var location: SourceLocation
}

/// Every rate samkalk computes with: the shipped parameters, finance officers' CSV files and a
/// scenario's own values, layered, plus the municipal income tax tables.
///
/// ## The lookup rule
///
/// Within one layer, the value in force on date D is the latest value with `from` ≤ D, provided
/// its `to` (when given) is ≥ D. A value without `to` holds until the next value starts.
///
/// - Before a key's first value there is no value: ``resolve(_:at:)`` throws an error naming the
///   key and the date.
/// - A date after a value's `to` and before the next value's `from` is a gap: an error too.
/// - Shipped parameters declare `coverage through`, the last date their data is known to
///   cover. For a later date the parameter's `<extrapolation>` decides:
///   - none: an error (no silent carry-forward, no silent zero);
///   - `constant`: the value in force on the coverage date, unchanged (factor 1);
///   - `prisbasbelopp` / `inkomstbasbelopp`: that value × base(D) / base(coverage date), where
///     the base amount (`basbelopp.prisbasbelopp` / `basbelopp.inkomstbasbelopp`) must itself be
///     in force on both dates *without* extrapolation. The base amounts ship with no
///     extrapolation, so indexing past their coverage needs a newer base amount, e.g. from a
///     finance officer's CSV file, and then every indexed parameter follows it.
///   The ``ResolvedRate`` records the method, the base date (the coverage date) and the factor,
///   so reports can list every extrapolated value.
///
/// ## Precedence
///
/// Layers: shipped < user file 1 < user file 2 < … < scenario. For a key, the highest layer that
/// has a value in force on D wins. A value in a user file or a scenario without `to` holds
/// indefinitely (the officer stated it; its origin shows in reports): coverage and extrapolation
/// apply to shipped data only. A lower layer is consulted only for dates the higher layers do
/// not cover: before their first value, or after an explicit `to` with no later value.
public struct RateBook: Sendable {
  var parameters: [RateKey: RateParameter] = [:]
  /// Values from user files and the scenario, per key and layer, sorted by `from`.
  var overrides: [RateKey: [RateLayer: [RateValue]]] = [:]
  /// Income year → kommunkod → rates.
  var municipalTables: [Int: [String: MunicipalTaxRates]] = [:]
  /// Dated lists of municipalities by key (e.g. `skatt.regional_skattereduktion.kommuner`).
  var municipalityLists: [RateKey: [MunicipalityList]] = [:]
  /// Every file read, in load order.
  public private(set) var files: [RateFile] = []
  /// Notes and warnings from loading (e.g. which encoding a CSV file was read in).
  public internal(set) var notes: [Diagnostic] = []

  init() {}

  /// Loads every `*.xml` parameter under the directory and the municipal tax tables its
  /// `municipal-tax` sidecar names; all problems are reported together.
  public static func shipped(directory: String = ShippedRates.directory) throws(DiagnosticError) -> RateBook {
    try ShippedLoader.load(directory: directory)
  }

  /// Adds finance officers' CSV files (`--rates`) in order; each is a long override table or a
  /// municipal tax table, told apart by its header. See ``UserRatesLoader``.
  public func adding(userFiles paths: [String]) throws(DiagnosticError) -> RateBook {
    try UserRatesLoader.add(paths, to: self)
  }

  /// Adds one table given as bytes, e.g. an upload; `name` stands for the file in diagnostics.
  public func adding(userTable bytes: [UInt8], named name: String) throws(DiagnosticError) -> RateBook {
    try UserRatesLoader.add(files: [(name, bytes)], to: self)
  }

  /// Adds values a scenario file states (highest precedence). Values must name known keys and
  /// use the parameter's unit (checked by the caller via ``info(for:)``).
  public func adding(scenarioValues: [RateValue]) -> RateBook {
    var book = self
    for value in scenarioValues {
      book.overrides[value.key, default: [:]][.scenario, default: []].append(value)
    }
    for key in Set(scenarioValues.map(\.key)) {
      book.overrides[key]?[.scenario]?.sort { $0.from < $1.from }
    }
    return book
  }

  mutating func record(_ file: RateFile) { files.append(file) }

  /// Adds a file's values and sorts each touched key's layer once, after all are added: sorting
  /// on every added value made a 200 000-row table take minutes to load.
  mutating func addOverrides(_ values: [RateValue]) {
    struct RateLayerSlot: Hashable {
      var key: RateKey
      var layer: RateLayer
    }
    var touched: Set<RateLayerSlot> = []
    for value in values {
      overrides[value.key, default: [:]][value.origin.layer, default: []].append(value)
      touched.insert(RateLayerSlot(key: value.key, layer: value.origin.layer))
    }
    for slot in touched {
      overrides[slot.key]?[slot.layer]?.sort { $0.from < $1.from }
    }
  }

  // MARK: - Lookup

  /// The value of `key` in force on `date`, by the lookup rule and precedence above.
  public func resolve(_ key: RateKey, at date: Day) throws(RateLookupError) -> ResolvedRate {
    try resolve(key, at: date, allowExtrapolation: true)
  }

  func resolve(_ key: RateKey, at date: Day, allowExtrapolation: Bool) throws(RateLookupError) -> ResolvedRate {
    if let layers = overrides[key] {
      for layer in layers.keys.sorted(by: >) {
        if case .found(let value) = RateBook.find(layers[layer]!, at: date) {
          return ResolvedRate(value: value, date: date)
        }
      }
    }
    guard let parameter = parameters[key] else {
      if overrides[key] != nil {
        throw RateLookupError(
          key: key.rawValue, date: date,
          message: "no value for '\(key)' on \(date): no layer has a value in force on that date")
      }
      let hint = NameSuggestion.hint(for: key.rawValue, among: parameters.keys.map(\.rawValue))
      throw RateLookupError(key: key.rawValue, date: date, message: "unknown rate '\(key)'\(hint)")
    }
    if let through = parameter.info.coverageThrough, date > through {
      return try extrapolate(parameter, to: date, through: through, allowed: allowExtrapolation)
    }
    switch RateBook.find(parameter.values, at: date) {
    case .found(let value):
      return ResolvedRate(value: value, date: date)
    case .before(let first):
      throw RateLookupError(
        key: key.rawValue, date: date,
        message: "no value for '\(key)' on \(date): its first value starts \(first.from) (\(first.origin.location))")
    case .gap(let previous, let next):
      let ending = previous.to.map { "ends \($0)" } ?? "ends"
      let nextText = next.map { " and the next starts \($0.from)" } ?? " and no later value follows"
      throw RateLookupError(
        key: key.rawValue, date: date,
        message: "no value for '\(key)' on \(date): the value from \(previous.from) \(ending)\(nextText)")
    }
  }

  private func extrapolate(_ parameter: RateParameter, to date: Day, through: Day, allowed: Bool)
    throws(RateLookupError) -> ResolvedRate
  {
    let key = parameter.info.key
    guard let method = parameter.info.extrapolation else {
      throw RateLookupError(
        key: key.rawValue, date: date,
        message:
          "no value for '\(key)' on \(date): the data covers through \(through) and the parameter declares no extrapolation"
      )
    }
    guard allowed else {
      throw RateLookupError(
        key: key.rawValue, date: date,
        message: "no value for '\(key)' on \(date): the data covers through \(through), and a base amount used "
          + "for extrapolation must not itself be extrapolated")
    }
    guard case .found(let last) = RateBook.find(parameter.values, at: through) else {
      throw RateLookupError(
        key: key.rawValue, date: date,
        message:
          "no value for '\(key)' on \(date): no value is in force on its coverage date \(through) to extrapolate from"
      )
    }
    var factor = 1.0
    if method != "constant" {
      let baseKey: RateKey = method == "inkomstbasbelopp" ? "basbelopp.inkomstbasbelopp" : "basbelopp.prisbasbelopp"
      let now: ResolvedRate
      let then: ResolvedRate
      do {
        now = try resolve(baseKey, at: date, allowExtrapolation: false)
        then = try resolve(baseKey, at: through, allowExtrapolation: false)
      } catch {
        throw RateLookupError(
          key: key.rawValue, date: date,
          message: "'\(key)' on \(date) lies past its coverage (\(through)) and is extrapolated by \(method), "
            + "which needs \(baseKey) on both dates: \(error.message)")
      }
      guard let numerator = now.number, let denominator = then.number, denominator > 0 else {
        throw RateLookupError(
          key: key.rawValue, date: date, message: "\(baseKey) must be a positive number to extrapolate '\(key)'")
      }
      factor = numerator / denominator
    }
    return ResolvedRate(
      value: last, date: date, extrapolation: Extrapolation(method: method, baseDate: through, factor: factor))
  }

  enum Found {
    case found(RateValue)
    case before(first: RateValue)
    case gap(previous: RateValue, next: RateValue?)
  }

  /// The lookup rule within one layer; `values` sorted by `from`, non-empty.
  static func find(_ values: [RateValue], at date: Day) -> Found {
    // Binary search for the first value starting after `date`; the one before it is the candidate.
    var low = 0
    var high = values.count
    while low < high {
      let middle = (low + high) / 2
      if values[middle].from <= date { low = middle + 1 } else { high = middle }
    }
    guard low > 0 else { return .before(first: values[0]) }
    let index = low - 1
    let value = values[index]
    if let to = value.to, to < date {
      return .gap(previous: value, next: index + 1 < values.count ? values[index + 1] : nil)
    }
    return .found(value)
  }

  // MARK: - Municipalities

  /// By kommunkod (`"1780"`) or by name (`"Karlstad"`, case-insensitive): the table of that
  /// income year, with user files' rows replacing shipped ones.
  public func municipality(_ codeOrName: String, year: Int) throws(RateLookupError) -> MunicipalTaxRates {
    let query = codeOrName.trimmed
    guard let table = municipalTables[year] else {
      let years = municipalTables.keys.sorted().map(String.init).joined(separator: ", ")
      throw RateLookupError(
        key: "kommunalskatt", date: nil,
        message: "no municipal tax table for income year \(year) (tables: \(years.isEmpty ? "none" : years))")
    }
    if let rates = table[query] { return rates }
    let lowered = query.lowercased()
    if let rates = table.values.first(where: { $0.name.lowercased() == lowered }) { return rates }
    let hint = NameSuggestion.hint(for: query, among: table.values.map(\.name) + table.keys)
    throw RateLookupError(
      key: "kommunalskatt", date: nil,
      message: "unknown municipality '\(query)' in the \(year) tax table\(hint)")
  }

  /// The income years that have a municipal tax table.
  public var municipalYears: [Int] { municipalTables.keys.sorted() }

  // MARK: - Parameters

  public func info(for key: RateKey) -> RateParameterInfo? { parameters[key]?.info }

  /// Every shipped parameter key, sorted.
  public var keys: [RateKey] { parameters.keys.sorted() }

  /// The stated values of a key in one layer, sorted by `from` (empty when the layer has none).
  public func values(of key: RateKey, layer: RateLayer = .shipped) -> [RateValue] {
    layer == .shipped ? parameters[key]?.values ?? [] : overrides[key]?[layer] ?? []
  }
}
