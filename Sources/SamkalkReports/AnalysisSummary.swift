import SamkalkCore
import SamkalkUncertainty

/// Fixed-width summaries of the sensitivity and Monte Carlo analyses for standard output, in
/// Swedish like ``SummaryTable``: whole kronor grouped by spaces, shares as percent with a
/// decimal comma.
public enum AnalysisSummary {

  public static func render(_ analysis: SensitivityAnalysis) -> String {
    var lines = [
      analysis.title,
      "Känslighetsanalys: \(analysis.rows.count) parametrar, var för sig ±\(SummaryTable.percent(analysis.range)) % "
        + "(eller scenariots låg/hög), horisont \(analysis.horizonYears) år, "
        + "kalkylränta \(SummaryTable.percent(analysis.discountRate)) %",
      "Samhällets nuvärde i grundfallet: \(ReportText.groupedKronor(analysis.baseNPV(for: .samhallet))) kr", "",
    ]
    let rows = Array(analysis.tornado(limit: SensitivityReport.tornadoLimit))
    lines += SummaryTable.table([
      .init(header: "Parameter", alignment: .left, cells: rows.map(\.id)),
      .init(header: "Låg", alignment: .right, cells: rows.map { number($0.lowValue) }),
      .init(header: "Hög", alignment: .right, cells: rows.map { number($0.highValue) }),
      .init(
        header: "Nuvärde låg", alignment: .right,
        cells: rows.map { ReportText.groupedKronor($0.npvLow(for: .samhallet)) }),
      .init(
        header: "Nuvärde hög", alignment: .right,
        cells: rows.map { ReportText.groupedKronor($0.npvHigh(for: .samhallet)) }),
      .init(
        header: "Spann", alignment: .right, cells: rows.map { ReportText.groupedKronor($0.swing(for: .samhallet)) }),
      .init(
        header: "Brytvärde", alignment: .right,
        cells: rows.map { $0.switchingValue(for: .samhallet).value.map(number) ?? "inget i intervallet" }),
    ])
    if analysis.rows.count > rows.count {
      lines.append("(\(analysis.rows.count - rows.count) parametrar till i rapporten)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  public static func render(_ analysis: UncertaintyAnalysis) -> String {
    var lines = [
      analysis.title,
      "Monte Carlo: \(ReportText.groupedKronor(Double(analysis.draws))) dragningar, frö \(analysis.seed), \(analysis.parameters.count) osäkra "
        + "parametrar, horisont \(analysis.horizonYears) år, mandatperiod \(analysis.mandateMonths / 12) år", "",
    ]
    let rows = analysis.perspectives
    lines += SummaryTable.table([
      .init(header: "Perspektiv", alignment: .left, cells: rows.map(\.perspective.swedishName)),
      .init(header: "Medel", alignment: .right, cells: rows.map { ReportText.groupedKronor($0.meanNPV) }),
      .init(header: "P5", alignment: .right, cells: rows.map { ReportText.groupedKronor($0.p5) }),
      .init(header: "P50", alignment: .right, cells: rows.map { ReportText.groupedKronor($0.p50) }),
      .init(header: "P95", alignment: .right, cells: rows.map { ReportText.groupedKronor($0.p95) }),
      .init(
        header: "P(nuvärde > 0)", alignment: .right,
        cells: rows.map { SummaryTable.percent($0.probabilityPositiveNPV) + " %" }),
      .init(
        header: "P(återbetald inom mandatperioden)", alignment: .right,
        cells: rows.map { SummaryTable.percent($0.probabilityPaybackWithinMandate) + " %" }),
    ])
    return lines.joined(separator: "\n") + "\n"
  }

  /// A parameter value as the HTML report writes it (``HumanNumber/parameter(_:)``), with plain
  /// spaces for a terminal.
  static func number(_ value: Double) -> String {
    HumanNumber(.sv).parameter(value).replacing(HumanNumber.noBreakSpace, with: " ")
  }
}
