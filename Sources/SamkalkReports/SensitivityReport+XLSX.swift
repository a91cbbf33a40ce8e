import SamkalkCore
import SamkalkUncertainty

extension SensitivityReport {
  /// The workbook: `Sammanfattning` (the analysis and society's base NPV per perspective),
  /// `Tornado` (every parameter by society's swing, largest first) and `Parametrar` (the CSV's
  /// rows: every parameter and perspective). English sheet names with `language: .en`.
  public static func workbook(_ analysis: SensitivityAnalysis, language: ReportLanguage = .sv) -> XLSXWorkbook {
    let s = ReportStrings(language)
    let sv = language == .sv
    let society = Perspective.samhallet
    let base = CSVTable(
      header: [s[.perspective], "id", s[.baseNPV] + " (kr)"],
      rows: Perspective.all.map {
        [.text(s.name($0)), .text($0.id), .number(ReportText.kronor(analysis.baseNPV(for: $0)))]
      })
    let tornado = CSVTable(
      header: [
        s[.parameter], s[.unit], s[.baseValue], s[.lowValue], s[.highValue], s[.npvLow] + " (kr)",
        s[.npvHigh] + " (kr)", s[.swing] + " (kr)", s[.switchingValue],
      ],
      rows: analysis.rows.map { row in
        let switching = row.switchingValue(for: society)
        return [
          .text(row.id), .text(row.unit), .number(ReportText.share(row.baseValue)),
          .number(ReportText.share(row.lowValue)), .number(ReportText.share(row.highValue)),
          .number(ReportText.kronor(row.npvLow(for: society))), .number(ReportText.kronor(row.npvHigh(for: society))),
          .number(ReportText.kronor(row.swing(for: society))),
          switching.value.map { .number(ReportText.share($0)) } ?? .text(s[.noneInRange]),
        ]
      })
    return XLSXWorkbook(sheets: [
      base.summarySheet(
        name: sv ? "Sammanfattning" : "Summary", title: "\(s[.sensitivity]): \(analysis.title)",
        facts: [
          ("id", .text(analysis.scenarioID)), (s[.range], .number(ReportText.share(analysis.range))),
          (s[.discountRate], .number(ReportText.share(analysis.discountRate))),
          ("\(s[.horizon]) (\(s[.years]))", .number(String(analysis.horizonYears))),
          (s[.parametersVaried], .number(String(analysis.rows.count))),
        ]),
      tornado.sheet(name: "Tornado", widths: [0: 40]),
      table(analysis).sheet(name: sv ? "Parametrar" : "Parameters", widths: [0: 40]),
    ])
  }
}
