import Foundation
import SamkalkCore

/// The name of a dated parameter: the path under `Rates/` without `.xml`, folders joined by
/// dots (`Rates/formaner/aktivitetsstod/dag.xml` is `formaner.aktivitetsstod.dag`).
///
/// A key hashes by a code computed once from its text (FNV-1a over the UTF-8 bytes), not by
/// the text: a Monte Carlo run looks keys up millions of times, and hashing a 40-byte name
/// with the standard library's SipHash for each lookup cost a tenth of a draw. Keys are equal
/// when their texts are (Swift compares strings by canonical equivalence), so the code is of
/// the text in Unicode's composed normal form (NFC): `å` typed as one character or as `a` and
/// a ring has one code. Keys with equal codes still compare their text.
public struct RateKey: Hashable, Comparable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
  public let rawValue: String
  private let code: UInt64

  public init(_ rawValue: String) {
    self.rawValue = rawValue
    self.code = Self.code(of: rawValue)
  }

  public init(stringLiteral value: String) { self.init(value) }

  public var description: String { rawValue }

  public static func < (lhs: RateKey, rhs: RateKey) -> Bool { lhs.rawValue < rhs.rawValue }

  public static func == (lhs: RateKey, rhs: RateKey) -> Bool { lhs.code == rhs.code && lhs.rawValue == rhs.rawValue }

  public func hash(into hasher: inout Hasher) { hasher.combine(code) }

  /// The hash a `Dictionary` or `Set` asks for, from the code without the standard library's
  /// SipHash: the code is already a hash of the text, so mixing it with the table's seed
  /// (MurmurHash3's 64-bit finaliser) spreads it over the low bits the table indexes by. A
  /// Monte Carlo draw looks up some thirty keys, and SipHash's rounds were 3 % of its time.
  /// Implements the standard library's customisation point `Hashable._rawHashValue(seed:)`
  /// (the one hash `Dictionary` and `Set` call); `hash(into:)` stays for hashing a key as part
  /// of a larger value.
  public func _rawHashValue(seed: Int) -> Int {
    var mixed = code ^ UInt64(truncatingIfNeeded: seed)
    mixed = (mixed ^ (mixed >> 33)) &* 0xff51_afd7_ed55_8ccd
    mixed = (mixed ^ (mixed >> 33)) &* 0xc4ce_b9fe_1a85_ec53
    return Int(truncatingIfNeeded: mixed ^ (mixed >> 33))
  }

  /// FNV-1a, 64 bits, of the NFC form's UTF-8 bytes: `""` → 0xcbf29ce484222325, `"a"` →
  /// 0xaf63dc4c8601ec8c. An ASCII text is its own NFC form (every shipped key is ASCII).
  static func code(of text: String) -> UInt64 {
    // In place over the bytes when the string has them in one piece (literals and parsed keys
    // do): a key built from a literal is coded at every lookup.
    let (code, ascii) = text.utf8.withContiguousStorageIfAvailable(fnv1a) ?? fnv1a(text.utf8)
    return ascii ? code : fnv1a(text.precomposedStringWithCanonicalMapping.utf8).code
  }

  /// FNV-1a of the bytes, and whether they were all ASCII.
  private static func fnv1a(_ bytes: some Sequence<UInt8>) -> (code: UInt64, ascii: Bool) {
    var code: UInt64 = 0xcbf2_9ce4_8422_2325
    var high: UInt8 = 0
    for byte in bytes {
      code = (code ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
      high |= byte
    }
    return (code, high < 0x80)
  }
}

/// The unit a parameter's amounts are stated in. Conversions between units are the engine's
/// explicit, named operations; the rate book never converts.
public enum RateUnit: String, CaseIterable, Sendable {
  case kr = "kr"
  /// Per weekday (5 days a week).
  case krPerDag = "kr/dag"
  case krPerKalenderdag = "kr/kalenderdag"
  case krPerVecka = "kr/vecka"
  case krPerManad = "kr/månad"
  case krPerAr = "kr/år"
  case krPerBesok = "kr/besök"
  case krPerDygn = "kr/dygn"
  case krPerKontakt = "kr/kontakt"
  case krPerTimme = "kr/timme"
  /// A share, 0–1.
  case andel
  /// A percentage, 0–100.
  case procent
  case pbbMultipel = "PBB-multipel"
  case ibbMultipel = "IBB-multipel"
  /// The amount is an actor id (who pays a benefit).
  case aktor = "aktör"
  case dagar
  case veckor
  case manader = "månader"
  case antal

  /// Whether amounts in this unit are actor ids rather than numbers.
  public var isActor: Bool { self == .aktor }

  /// The inclusive range a number in this unit must lie in (no unit allows negative amounts).
  ///
  /// Amounts stay below 10^12 (a thousand billion kronor, far above any measure's figure, a
  /// multiple or a count): a value beyond it is a typo, and the ledger's whole öre (`Int64`)
  /// overflow at about 9.2 × 10^16 kr once such a value is multiplied by persons and months.
  /// Every reader of rates (`rates check`, `validate`, `run`) refuses the same values.
  public var allowedRange: ClosedRange<Double> {
    switch self {
    case .andel: 0...1
    case .procent: 0...100
    default: 0...RateUnit.maximumAmount.nextDown
    }
  }

  /// The bound amounts stay below (see ``allowedRange``).
  public static let maximumAmount = 1e12

  /// ``allowedRange`` in words, for messages: `0–1`, `0–100`, `0 to below 10^12`.
  public var allowedRangeText: String {
    switch self {
    case .andel: "0–1"
    case .procent: "0–100"
    default: "0 to below 10^12"
    }
  }
}

/// How well a value is sourced, as `reference/rates.md` marks it.
public enum RateStatus: String, Sendable, CaseIterable {
  /// The value appears in the cited source.
  case seen = "SEEN"
  /// Computed by a stated formula from SEEN inputs.
  case derived = "DERIVED"
  /// A convention of the method (months per year, production valued at the wage cost): a
  /// choice the method states, not a value any source could confirm or refute.
  case convention = "CONVENTION"
  /// A placeholder no seen source confirms.
  case unconfirmed = "UNCONFIRMED"

  /// SEEN < DERIVED < CONVENTION < UNCONFIRMED: the weaker of two statuses.
  public static func weaker(_ a: RateStatus, _ b: RateStatus) -> RateStatus {
    let order: [RateStatus] = [.seen, .derived, .convention, .unconfirmed]
    return order.firstIndex(of: a)! >= order.firstIndex(of: b)! ? a : b
  }
}

/// Where a value comes from: a title and a URL and/or an SFS number.
public struct RateSource: Hashable, Sendable {
  public var title: String
  public var url: String?
  /// An SFS number such as `2003:1210`.
  public var sfs: String?

  public init(title: String, url: String? = nil, sfs: String? = nil) {
    self.title = title
    self.url = url
    self.sfs = sfs
  }

  /// `title, url`, `title, SFS x`, `title, url, SFS x` or just the title.
  public var citation: String {
    var parts = [title]
    if let url, !url.isEmpty { parts.append(url) }
    if let sfs, !sfs.isEmpty { parts.append("SFS \(sfs)") }
    return parts.joined(separator: ", ")
  }
}

/// The layer a value was loaded in. Precedence: shipped < userFile(0) < userFile(1) < … < scenario.
public enum RateLayer: Hashable, Sendable, Comparable, CustomStringConvertible {
  case shipped
  /// The n-th `--rates` file (0-based, in command-line order).
  case userFile(Int)
  case scenario

  private var rank: (Int, Int) {
    switch self {
    case .shipped: (0, 0)
    case .userFile(let index): (1, index)
    case .scenario: (2, 0)
    }
  }

  public static func < (lhs: RateLayer, rhs: RateLayer) -> Bool { lhs.rank < rhs.rank }

  public var description: String {
    switch self {
    case .shipped: "shipped"
    case .userFile(let index): "user file \(index + 1)"
    case .scenario: "scenario"
    }
  }
}

/// The layer and the place in a file a value was read from.
public struct RateOrigin: Hashable, Sendable {
  public var layer: RateLayer
  public var location: SourceLocation

  public init(layer: RateLayer, location: SourceLocation) {
    self.layer = layer
    self.location = location
  }
}

/// A parameter's amount: a number in the parameter's unit, or an actor for unit `aktör`.
public enum RateAmount: Hashable, Sendable, CustomStringConvertible {
  case number(Double)
  case actor(Actor)

  public var description: String {
    switch self {
    case .number(let value): RateAmount.format(value)
    case .actor(let actor): actor.rawValue
    }
  }

  /// Locale-free text without a trailing `.0` for whole numbers.
  static func format(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
  }
}

/// One dated value of a parameter.
public struct RateValue: Hashable, Sendable {
  public var key: RateKey
  public var amount: RateAmount
  public var unit: RateUnit
  /// The first day the value is in force.
  public var from: Day
  /// The last day the value is in force; `nil`: until the next value starts (or coverage ends).
  public var to: Day?
  public var source: RateSource
  public var status: RateStatus
  public var note: String?
  public var origin: RateOrigin

  public init(
    key: RateKey, amount: RateAmount, unit: RateUnit, from: Day, to: Day? = nil, source: RateSource,
    status: RateStatus, note: String? = nil, origin: RateOrigin
  ) {
    self.key = key
    self.amount = amount
    self.unit = unit
    self.from = from
    self.to = to
    self.source = source
    self.status = status
    self.note = note
    self.origin = origin
  }
}

/// How a value past the parameter's coverage was obtained.
public struct Extrapolation: Hashable, Sendable {
  /// `constant`, `prisbasbelopp` or `inkomstbasbelopp`.
  public var method: String
  /// The date the scaling starts from: the parameter's `coverage through` date.
  public var baseDate: Day
  /// The factor the stated amount was multiplied by (1 for `constant`).
  public var factor: Double

  public init(method: String, baseDate: Day, factor: Double) {
    self.method = method
    self.baseDate = baseDate
    self.factor = factor
  }
}

/// A value looked up for a date.
public struct ResolvedRate: Hashable, Sendable {
  /// The stated value that was used (for an extrapolated value: the last value in coverage).
  public var value: RateValue
  /// The date asked for.
  public var date: Day
  /// Set when the date lies past the parameter's coverage.
  public var extrapolation: Extrapolation?
  /// The amount × the extrapolation factor, for numeric units; `nil` for actors.
  public var number: Double?
  /// The actor, for unit `aktör`.
  public var actor: Actor?

  public init(value: RateValue, date: Day, extrapolation: Extrapolation? = nil) {
    self.value = value
    self.date = date
    self.extrapolation = extrapolation
    switch value.amount {
    case .number(let amount):
      number = amount * (extrapolation?.factor ?? 1)
      actor = nil
    case .actor(let who):
      number = nil
      actor = who
    }
  }

  public var key: RateKey { value.key }
  public var unit: RateUnit { value.unit }
}

/// What the rate book knows about a parameter apart from its values.
public struct RateParameterInfo: Hashable, Sendable {
  public var key: RateKey
  public var unit: RateUnit
  public var description: String
  /// The actor that bears a unit cost (`tjanster.*`), when the parameter says.
  public var payer: Actor?
  /// For a fee (a patient fee), the actor the payer pays: the unit cost is then a transfer
  /// from `payer` to `payee`, not a resource used up: a fee moves money between actors and
  /// uses no resource of its own (the care it pays for is priced separately).
  public var payee: Actor?
  /// The last date the shipped data is known to cover.
  public var coverageThrough: Day?
  /// The declared extrapolation method, if any.
  public var extrapolation: String?
  /// Whether amounts may be negative (`signed="true"`): a coefficient of a law's formula that the
  /// law subtracts in some years and adds in others (the förhöjt grundavdrag's bands).
  public var signed: Bool

  public init(
    key: RateKey, unit: RateUnit, description: String, payer: Actor? = nil, payee: Actor? = nil,
    coverageThrough: Day? = nil, extrapolation: String? = nil, signed: Bool = false
  ) {
    self.key = key
    self.unit = unit
    self.description = description
    self.payer = payer
    self.payee = payee
    self.coverageThrough = coverageThrough
    self.extrapolation = extrapolation
    self.signed = signed
  }
}

/// A municipality's income tax rates for one income year, as shares (21.27 % is 0.2127).
public struct MunicipalTaxRates: Hashable, Sendable {
  /// The four-digit kommunkod, e.g. `1780`.
  public var code: String
  public var name: String
  public var year: Int
  /// Kommunalskatt as a share.
  public var kommunal: Double
  /// Regionskatt as a share (0 for Gotland, whose whole rate is kommunal).
  public var regional: Double
  public var total: Double { kommunal + regional }
  public var source: RateSource
  public var status: RateStatus
  public var origin: RateOrigin

  public init(
    code: String, name: String, year: Int, kommunal: Double, regional: Double, source: RateSource,
    status: RateStatus, origin: RateOrigin
  ) {
    self.code = code
    self.name = name
    self.year = year
    self.kommunal = kommunal
    self.regional = regional
    self.source = source
    self.status = status
    self.origin = origin
  }
}

/// A file the rate book read, for the provenance section of reports.
public struct RateFile: Hashable, Sendable {
  public var path: String
  /// SHA-256 of the file's bytes, 64 lowercase hex digits.
  public var sha256: String
  public var layer: RateLayer
  /// The text encoding a CSV file was read in (`UTF-8`, `UTF-8 with BOM`, `Windows-1252`); `nil` for XML.
  public var encoding: String?

  public init(path: String, sha256: String, layer: RateLayer, encoding: String? = nil) {
    self.path = path
    self.sha256 = sha256
    self.layer = layer
    self.encoding = encoding
  }
}

/// A lookup that found no value. Never a silent zero.
public struct RateLookupError: Error, Sendable, CustomStringConvertible {
  public var key: String
  public var date: Day?
  public var message: String

  public init(key: String, date: Day?, message: String) {
    self.key = key
    self.date = date
    self.message = message
  }

  public var description: String { message }
}
