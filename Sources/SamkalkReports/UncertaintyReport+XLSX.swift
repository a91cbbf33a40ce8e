import SamkalkCore
import SamkalkUncertainty

extension UncertaintyReport {
  /// The workbook: `Sammanfattning` (the analysis and the CSV's row per perspective),
  /// `Fördelning` (the histogram bins and payback counts: the distribution CSV's rows) and
  /// `Parametrar` (the varied parameters). English sheet names with `language: .en`.
  public static func workbook(_ analysis: UncertaintyAnalysis, language: ReportLanguage = .sv) -> XLSXWorkbook {
    let s = ReportStrings(language)
    let sv = language == .sv
    let parameters = CSVTable(
      header: [s[.parameter], s[.baseValue], s[.distribution], s[.mean], s[.sampleMean]],
      rows: analysis.parameters.map {
        [
          .text($0.id), .number(ReportText.share($0.baseValue)), .text($0.distribution),
          .number(ReportText.share($0.mean)), .number(ReportText.share($0.sampleMean)),
        ]
      })
    return XLSXWorkbook(sheets: [
      table(analysis).summarySheet(
        name: sv ? "Sammanfattning" : "Summary", title: "\(s[.uncertainty]): \(analysis.title)",
        facts: [
          ("id", .text(analysis.scenarioID)), (s[.draws], .number(String(analysis.draws))),
          // The seed as text: a UInt64 above 2^53 would be rounded as a spreadsheet number.
          (s[.seed], .text(String(analysis.seed))), (s[.mandateMonths], .number(String(analysis.mandateMonths))),
          ("\(s[.horizon]) (\(s[.years]))", .number(String(analysis.horizonYears))),
        ]),
      distributionTable(analysis).sheet(name: sv ? "Fördelning" : "Distribution", widths: [0: 20]),
      parameters.sheet(name: sv ? "Parametrar" : "Parameters", widths: [0: 40, 2: 40]),
    ])
  }
}
