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
    let totals = [
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
