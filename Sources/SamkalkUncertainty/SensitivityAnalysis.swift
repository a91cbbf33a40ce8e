import SamkalkCore

/// One-way sensitivity of NPV to every numeric input and rate a scenario's result uses: each
/// parameter is set to its low and its high value with every other parameter at its base, and
/// the NPV of every perspective is computed again. Rows are sorted by society's swing, the
/// order of a tornado diagram.
///
/// Worked example (a linear case): society's NPV = 1 000 000 × share − 200 000 with the share
/// at 0.5 ± 20 %:
///
/// | value | NPV       |
/// |-------|-----------|
/// | 0.4   | 200 000   |
/// | 0.5   | 300 000   |
/// | 0.6   | 400 000   |
///
/// The swing is 200 000 kr and the switching value (NPV = 0) is 0.2, outside the range
/// 0.4–0.6, so it is reported as "none in range".
public struct SensitivityAnalysis: Sendable {
  public var scenarioID: String
  public var title: String
  /// The default relative range (0.2 for ±20 %); rows may carry their own low and high.
  public var range: Double
  /// NPV per perspective at the base values, in ``Perspective/all`` order.
  public var baseNPV: [Double]
  /// One row per varied parameter, sorted by society's swing (largest first, then by id): the
  /// type keeps the tornado's order, so every report and summary can take the rows as they come.
  public var rows: [SensitivityRow] {
    didSet { rows = Self.tornadoOrder(rows) }
  }
  /// Discount rate and horizon of the base run, for the report's text.
  public var discountRate: Double
  public var horizonYears: Int

  public init(
    scenarioID: String, title: String, range: Double, baseNPV: [Double], rows: [SensitivityRow],
    discountRate: Double, horizonYears: Int
  ) {
    self.scenarioID = scenarioID
    self.title = title
    self.range = range
    self.baseNPV = baseNPV
    self.rows = Self.tornadoOrder(rows)
    self.discountRate = discountRate
    self.horizonYears = horizonYears
  }

  public func baseNPV(for perspective: Perspective) -> Double { baseNPV[Perspective.all.firstIndex(of: perspective)!] }

  private static func tornadoOrder(_ rows: [SensitivityRow]) -> [SensitivityRow] {
    rows.sorted { lhs, rhs in
      let (left, right) = (lhs.swing(for: .samhallet), rhs.swing(for: .samhallet))
      return left != right ? left > right : lhs.id < rhs.id
    }
  }

  /// The tornado's rows: the `limit` largest swings for society.
  public func tornado(limit: Int) -> ArraySlice<SensitivityRow> { rows.prefix(limit) }
}

/// What a parameter is: a rate from the tables or an input of the scenario file.
public enum ParameterKind: String, Hashable, Sendable {
  case rate
  case input
}

/// One parameter's row of the tornado: its values and the NPV of every perspective at them.
public struct SensitivityRow: Sendable {
  /// `rate:<key>` or `input:<path>@<attribute>`, the id a scenario's `<vary>` uses.
  public var id: String
  public var kind: ParameterKind
  /// Unit of the value as the rate table or the scenario states it (`kr/manad`, `andel`, `antal`, …).
  public var unit: String
  public var baseValue: Double
  public var lowValue: Double
  public var highValue: Double
  /// Where the low/high came from: the default relative range, or the scenario's own.
  public var rangeSource: RangeSource
  /// NPV per perspective (``Perspective/all`` order) at the low and at the high value.
  public var npvLow: [Double]
  public var npvHigh: [Double]
  /// Per perspective (``Perspective/all`` order): the value at which the NPV crosses zero
  /// between low and high.
  public var switchingValues: [SwitchingValue]

  public init(
    id: String, kind: ParameterKind, unit: String, baseValue: Double, lowValue: Double, highValue: Double,
    rangeSource: RangeSource, npvLow: [Double], npvHigh: [Double], switchingValues: [SwitchingValue]
  ) {
    self.id = id
    self.kind = kind
    self.unit = unit
    self.baseValue = baseValue
    self.lowValue = lowValue
    self.highValue = highValue
    self.rangeSource = rangeSource
    self.npvLow = npvLow
    self.npvHigh = npvHigh
    self.switchingValues = switchingValues
  }

  /// |NPV(high) − NPV(low)| for the perspective: the length of its tornado bar.
  public func swing(for perspective: Perspective) -> Double {
    let index = Perspective.all.firstIndex(of: perspective)!
    return abs(npvHigh[index] - npvLow[index])
  }

  public func npvLow(for perspective: Perspective) -> Double { npvLow[Perspective.all.firstIndex(of: perspective)!] }
  public func npvHigh(for perspective: Perspective) -> Double {
    npvHigh[Perspective.all.firstIndex(of: perspective)!]
  }
  public func switchingValue(for perspective: Perspective) -> SwitchingValue {
    switchingValues[Perspective.all.firstIndex(of: perspective)!]
  }
}

/// Where a sensitivity row's low and high come from.
public enum RangeSource: String, Hashable, Sendable {
  /// base × (1 ∓ range)
  case relative
  /// base × (1 ∓ range), cut at the edge of the values the parameter may take (a share of 0.9
  /// ± 20 % goes up to 1, not 1.08)
  case relativeLimited = "relative-limited"
  /// the scenario's `<vary low=… high=…>`
  case scenario
}

/// The value of a parameter at which a perspective's NPV is zero.
public enum SwitchingValue: Hashable, Sendable, CustomStringConvertible {
  case value(Double)
  /// NPV keeps its sign over the whole range.
  case noneInRange

  public var value: Double? {
    if case .value(let value) = self { return value }
    return nil
  }

  /// The machine-readable form: the value, or `none-in-range`.
  public var description: String {
    switch self {
    case .value(let value): DecimalText.format(value, decimals: 6)
    case .noneInRange: "none-in-range"
    }
  }
}
