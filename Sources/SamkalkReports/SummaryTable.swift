import SamkalkCore
import SamkalkEngine

/// A fixed-width summary for standard output, in Swedish: one row per perspective.
///
/// Kronor are whole kronor with a space between groups of three digits (`-1 234 568`); the
/// discount rate uses a decimal comma. Payback reads `månad 14`, `direkt` (the cumulative net
/// is never negative) or `ej inom horisonten`. When the table would be wider than
/// ``maxWidth`` columns, the yearly changes and the totals are printed as separate tables,
/// each with the perspective names; the years are split over as many tables as it takes to
/// keep each within ``maxWidth``.
public enum SummaryTable {
  /// The widest a single table may be before it is split in two.
  public static let maxWidth = 120

  public static func render(_ result: ScenarioResult) -> String {
    let scenario = result.scenario
    var lines = [scenario.title]
    let participants = scenario.measure.participants
    lines.append(
      "\(participants) deltagare, horisont \(scenario.horizonYears) år, kalkylränta \(percent(result.discountRate)) %, "
        + "mandatperiod \(scenario.mandatePeriodYears) år, \(result.municipality.name) (\(result.municipality.code))"
    )
    lines.append("")

    let names = Column(
      header: "Perspektiv", alignment: .left,
      cells: result.perspectives.map(\.perspective.swedishName))
    let years = (1...max(scenario.horizonYears, 1)).map { year in
      Column(
        header: "År \(year)", alignment: .right,
        cells: result.perspectives.map { perspective in
          perspective.years.first { $0.year == year }.map { ReportText.groupedKronor($0.change) }
            ?? ""
        })
    }
    let adjusted = !scenario.adjustments.isNone
    let effects =
      adjusted
      ? [
        Column(
          header: "Bruttoeffekt", alignment: .right,
          cells: result.perspectives.map { ReportText.groupedKronor($0.totalChange) }),
        Column(
          header: "Nettoeffekt", alignment: .right,
          cells: result.perspectives.map { ReportText.groupedKronor($0.totalEffect) }),
      ] : []
    let totals =
      effects + [
        Column(
          header: "Investering", alignment: .right,
          cells: result.perspectives.map { ReportText.groupedKronor($0.totalInvestment) }),
        Column(
          header: "Netto totalt", alignment: .right,
          cells: result.perspectives.map { ReportText.groupedKronor($0.totalNet) }),
        Column(
          header: "Nuvärde", alignment: .right,
          cells: result.perspectives.map { ReportText.groupedKronor($0.npv) }),
        Column(
          header: "N/K", alignment: .right,
          cells: result.perspectives.map { $0.benefitCostRatio.map(ratio) ?? "–" }),
        Column(
          header: "Återbetalning", alignment: .left,
          cells: result.perspectives.map { payback($0.payback) }),
        Column(
          header: "Inom \(scenario.mandatePeriodYears) år", alignment: .left,
          cells: result.perspectives.map {
            $0.paysBackWithin(years: scenario.mandatePeriodYears) ? "ja" : "nej"
          }),
      ]

    let single = [names] + years + totals
    if width(of: single) <= maxWidth {
      lines.append("Förändring per år, totalt och nuvärde (kr)")
      lines += table(single)
    } else {
      lines.append("Förändring per år (kr)")
      var chunk: [Column] = []
      for column in years {
        if !chunk.isEmpty && width(of: [names] + chunk + [column]) > maxWidth {
          lines += table([names] + chunk)
          lines.append("")
          chunk = []
        }
        chunk.append(column)
      }
      lines += table([names] + chunk)
      lines.append("")
      lines.append("Totalt och nuvärde (kr)")
      lines += table([names] + totals)
    }

    if adjusted { lines.append(adjustmentsLine(scenario.adjustments)) }
    lines += subgroupLines(result)
    lines += breakEvenLines(result)
    if let verkningsgrad = result.verkningsgrad {
      lines.append("")
      lines.append(
        "Verkningsgrad: \(percent(verkningsgrad.ratio)) % (realiserad effekt "
          + "\(ReportText.groupedKronor(verkningsgrad.realisedPerYear)) kr/år av potentiellt "
          + "\(ReportText.groupedKronor(verkningsgrad.potentialPerYear)) kr/år vid månadslön "
          + "\(ReportText.groupedKronor(verkningsgrad.potentialWage)) kr)")
    }

    lines.append("")
    if result.warnings.isEmpty {
      lines.append("Inga varningar.")
    } else {
      lines.append("Varningar (\(result.warnings.count)):")
      lines += result.warnings.map { "  \($0.description)" }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `3,5` for 0.035: a percentage with at most two decimals and a decimal comma.
  static func percent(_ share: Double) -> String {
    var text = DecimalText.format(share * 100, decimals: 2)
    while text.hasSuffix("0") && text.contains(".") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text.replacing(".", with: ",")
  }

  /// `2,35`: a ratio with two decimals and a decimal comma.
  static func ratio(_ value: Double) -> String {
    DecimalText.format(value, decimals: 2).replacing(".", with: ",")
  }

  /// `Justeringar: dödvikt 20 %, …`, the adjustments that are not zero (in English for an
  /// English workbook).
  static func adjustmentsLine(_ adjustments: Adjustments, language: ReportLanguage = .sv) -> String {
    let sv = language == .sv
    let parts: [(String, Double, String)] = [
      (sv ? "dödvikt" : "deadweight", adjustments.deadweight, " %"),
      ("attribution", adjustments.attribution, " %"),
      (sv ? "undanträngning" : "displacement", adjustments.displacement, " %"),
      (sv ? "avtagande" : "drop-off", adjustments.dropOff, sv ? " % per år" : " % a year"),
      (sv ? "optimismtillägg på kostnaderna" : "optimism bias on costs", adjustments.optimismBias, " %"),
      (sv ? "optimismavdrag på nyttorna" : "optimism bias on benefits", adjustments.optimismBiasBenefits, " %"),
    ]
    var listed = parts.filter { $0.1 != 0 }.map { "\($0.0) \(percent($0.1))\($0.2)" }
    let delay = adjustments.optimismBiasDelayMonths
    if delay != 0 { listed.append(sv ? "nyttorna försenade \(delay) månader" : "benefits delayed by \(delay) months") }
    return (sv ? "Justeringar (bruttoeffekt → nettoeffekt): " : "Adjustments (gross effect → net effect): ")
      + listed.joined(separator: ", ")
  }

  /// A fractional number of persons with at most one decimal and a decimal comma.
  static func persons(_ value: Double) -> String {
    var text = DecimalText.format(value, decimals: 1)
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text.replacing(".", with: ",")
  }

  static func subgroupName(_ subgroup: Subgroup) -> String {
    let sex =
      switch subgroup.sex {
      case .kvinna: "Kvinnor"
      case .man: "Män"
      case nil: subgroup.ageBand == nil ? "Ej angivet" : ""
      }
    guard let band = subgroup.ageBand else { return sex }
    return sex.isEmpty ? "\(band) år" : "\(sex) \(band) år"
  }

  /// Society's NPV and the participants per subgroup, with subtotals by sex when a sex has
  /// several age bands, and the total (ESF reports women, men and total).
  static func subgroupLines(_ result: ScenarioResult) -> [String] {
    guard !result.subgroups.isEmpty else { return [] }
    var rows: [(String, Double, Double)] = result.subgroups.map {
      (subgroupName($0.subgroup), $0.participants, $0.result(for: .samhallet).npv)
    }
    // Subtotals by sex when a sex has several subgroups (age bands).
    if Sex.allCases.contains(where: { sex in result.subgroups.count { $0.subgroup.sex == sex } > 1 }) {
      for sex in Sex.allCases {
        let members = result.subgroups.filter { $0.subgroup.sex == sex }
        // A sex without age bands already has its own row.
        guard !members.isEmpty, members.contains(where: { $0.subgroup.ageBand != nil }) else { continue }
        rows.append(
          (
            subgroupName(Subgroup(sex: sex)), members.reduce(0) { $0 + $1.participants },
            members.reduce(0) { $0 + $1.result(for: .samhallet).npv }
          ))
      }
    }
    rows.append(("Totalt", Double(result.participants), result.result(for: .samhallet).npv))
    let columns = [
      Column(header: "Delgrupp", alignment: .left, cells: rows.map(\.0)),
      Column(header: "Deltagare", alignment: .right, cells: rows.map { persons($0.1) }),
      Column(header: "Nuvärde samhället", alignment: .right, cells: rows.map { ReportText.groupedKronor($0.2) }),
      Column(
        header: "Per deltagare", alignment: .right,
        cells: rows.map { $0.1 > 0 ? ReportText.groupedKronor($0.2 / $0.1) : "–" }),
    ]
    return ["", "Per delgrupp (kr)"] + table(columns)
  }

  /// `1,5 % av deltagarna`, `ingen investering`, `ej nåbar (123,4 %)`, `aldrig`.
  static func breakEven(_ share: BreakEvenShare) -> String {
    switch share {
    case .share(let value): "\(percent(value)) % av deltagarna"
    case .noInvestment: "ingen investering"
    case .notReachable(let value): "ej nåbar (\(percent(value)) %)"
    case .never: "aldrig"
    }
  }

  static func breakEvenLines(_ result: ScenarioResult) -> [String] {
    guard let analysis = result.breakEven else { return [] }
    var lines = [
      "",
      "Break-even: minsta andel av deltagarna som måste nå utfallet \(analysis.outcome) "
        + "för nuvärde ≥ 0 inom \(analysis.years) år",
    ]
    let perspectives = Perspective.all.filter { analysis.shares[$0] != nil }
    lines += table([
      Column(header: "Perspektiv", alignment: .left, cells: perspectives.map(\.swedishName)),
      Column(header: "Break-even", alignment: .left, cells: perspectives.map { breakEven(analysis.shares[$0]!) }),
    ])
    return lines
  }

  static func payback(_ payback: Payback) -> String {
    switch payback {
    case .month(0): "direkt"
    case .month(let month): "månad \(month)"
    case .notWithinHorizon: "ej inom horisonten"
    }
  }

  struct Column {
    enum Alignment { case left, right }
    var header: String
    var alignment: Alignment
    var cells: [String]

    var width: Int { ([header] + cells).map(\.count).max() ?? 0 }

    func pad(_ text: String) -> String {
      let fill = String(repeating: " ", count: max(0, width - text.count))
      return alignment == .left ? text + fill : fill + text
    }
  }

  static let separator = "  "

  static func width(of columns: [Column]) -> Int {
    columns.map(\.width).reduce(0, +) + separator.count * max(0, columns.count - 1)
  }

  static func table(_ columns: [Column]) -> [String] {
    func line(_ parts: [String]) -> String {
      var text = parts.joined(separator: separator)
      while text.hasSuffix(" ") { text.removeLast() }
      return text
    }
    var lines = [line(columns.map { $0.pad($0.header) })]
    lines.append(String(repeating: "-", count: width(of: columns)))
    let rows = columns.first?.cells.count ?? 0
    for row in 0..<rows {
      lines.append(line(columns.map { $0.pad($0.cells[row]) }))
    }
    return lines
  }
}
