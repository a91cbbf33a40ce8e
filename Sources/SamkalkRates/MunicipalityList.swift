import SamkalkCore
import SamkalkXML

/// A dated list of municipalities, such as those whose residents get the regional tax
/// reduction (inkomstskattelagen 67 kap. 34 §, bilaga 67).
///
/// Lists are rate data like any other: each period has a validity, a status and sources,
/// and asking for a date no period covers is an error, never an empty list.
public struct MunicipalityList: Hashable, Sendable {
  public var key: RateKey
  public var from: Day
  public var through: Day
  /// Kommunkoder, e.g. "2084".
  public var codes: Set<String>
  public var sources: [RateSource]
  public var status: RateStatus
  public var origin: RateOrigin

  public init(
    key: RateKey, from: Day, through: Day, codes: Set<String>, sources: [RateSource], status: RateStatus,
    origin: RateOrigin
  ) {
    self.key = key
    self.from = from
    self.through = through
    self.codes = codes
    self.sources = sources
    self.status = status
    self.origin = origin
  }

  public func contains(_ code: String) -> Bool { codes.contains(code) }
}

extension RateBook {
  /// The list in force on `date`: the period with `from` ≤ date ≤ `through`.
  public func municipalityList(_ key: RateKey, at date: Day) throws(RateLookupError) -> MunicipalityList {
    guard let periods = municipalityLists[key] else {
      throw RateLookupError(
        key: key.rawValue, date: date,
        message:
          "unknown municipality list '\(key)'\(NameSuggestion.hint(for: key.rawValue, among: municipalityLists.keys.map(\.rawValue)))"
      )
    }
    guard let period = periods.first(where: { $0.from <= date && date <= $0.through }) else {
      let covered = periods.map { "\($0.from)–\($0.through)" }.joined(separator: ", ")
      throw RateLookupError(
        key: key.rawValue, date: date, message: "no list '\(key)' for \(date): the lists cover \(covered)")
    }
    return period
  }
}

extension ShippedLoader {
  /// Reads a `<municipality-list>`: periods may not overlap and names must be unique per period.
  static func readMunicipalityList(
    _ document: SamkalkXML.XMLDocument, expectedKey: RateKey, diagnostics: inout DiagnosticCollector
  ) -> [MunicipalityList] {
    let root = document.root
    guard let keyAttribute = root.attribute("key") else { return [] }
    if keyAttribute.value != expectedKey.rawValue {
      diagnostics.error(
        "key '\(keyAttribute.value)' does not match the file's path, which gives '\(expectedKey)'",
        at: document.location(keyAttribute))
      return []
    }
    var periods: [MunicipalityList] = []
    for period in root.children(named: "period") {
      let location = document.location(period)
      guard let from = period[attribute: "from"].flatMap(Day.init),
        let through = period[attribute: "through"].flatMap(Day.init),
        let status = period[attribute: "status"].flatMap(RateStatus.init(rawValue:))
      else {
        diagnostics.error("a period needs from, through and status", at: location)
        continue
      }
      guard from <= through else {
        diagnostics.error("the period ends (\(through)) before it starts (\(from))", at: location)
        continue
      }
      if let overlapping = periods.first(where: { $0.from <= through && from <= $0.through }) {
        diagnostics.error(
          "the period \(from)–\(through) overlaps the one from \(overlapping.from) at \(overlapping.origin.location)",
          at: location)
        continue
      }
      var codes = Set<String>()
      for municipality in period.children(named: "municipality") {
        guard let code = municipality[attribute: "code"] else { continue }
        if !codes.insert(code).inserted {
          diagnostics.error("municipality \(code) is listed twice", at: document.location(municipality))
        }
      }
      let sources = period.children(named: "source").compactMap { source in
        source[attribute: "title"].map {
          RateSource(title: $0, url: source[attribute: "url"], sfs: source[attribute: "sfs"])
        }
      }
      periods.append(
        MunicipalityList(
          key: expectedKey, from: from, through: through, codes: codes, sources: sources, status: status,
          origin: RateOrigin(layer: .shipped, location: location)))
    }
    return periods
  }

  /// Every listed code must be a municipality of some shipped tax table.
  static func checkListedMunicipalities(_ book: RateBook, diagnostics: inout DiagnosticCollector) {
    let known = Set(book.municipalTables.values.flatMap(\.keys))
    for periods in book.municipalityLists.values {
      for period in periods {
        for code in period.codes.sorted() where !known.contains(code) {
          diagnostics.error("unknown municipality code \(code) in '\(period.key)'", at: period.origin.location)
        }
      }
    }
  }
}
