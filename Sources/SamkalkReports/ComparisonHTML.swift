import SamkalkCore
import SamkalkEngine

/// The comparison report for people: the ranking, society's NPV per measure as bars with the
/// same numbers in a table, NPV per perspective, and the comparability warnings.
public enum ComparisonHTML {
  public static func render(
    _ comparison: MeasureComparison, samkalkVersion: String, language: ReportLanguage = .sv,
    extraSections: [any HTMLSection] = []
  ) -> [UInt8] {
    HTMLPage.render(
      title: ReportStrings(language)[.comparisonTitle], language: language,
      sections: sections(comparison, samkalkVersion: samkalkVersion) + extraSections)
  }

  public static func sections(_ comparison: MeasureComparison, samkalkVersion: String) -> [any HTMLSection] {
    [
      ComparisonRankingSection(comparison: comparison), ComparisonPerspectiveSection(comparison: comparison),
      WarningsSection(warnings: comparison.warnings, emptyText: .noComparabilityWarnings),
      ComparisonProvenanceSection(comparison: comparison, samkalkVersion: samkalkVersion),
    ]
  }
}

struct ComparisonRankingSection: HTMLSection {
  var comparison: MeasureComparison

  func write(to html: HTMLWriter, context: HTMLContext) {
    let s = context.strings
    let n = context.numbers
    let criterion: String =
      switch comparison.criterion {
      case .npv: s[.npv]
      case .payback: s[.payback]
      case .bcr: s[.bcr]
      }
    html.open("header")
    html.element("p", [("class", "meta")], text: s[.reportTitle])
    html.element("h1", text: s[.comparisonTitle])
    html.element(
      "p", [("class", "meta")],
      text: "\(s[.ranking]): \(criterion.lowercased()), \(s.name(.samhallet).lowercased())")
    html.close()
    html.open("section", [("id", "ranking")])
    html.element("h2", text: s[.ranking])
    html.table(
      caption: s[.ranking],
      header: [
        s[.rank], s[.measure], s[.societyNPV] + " (kr)", s[.bcr], s[.paybackMonth], s[.withinMandate],
        s[.investment] + " (kr)", s[.netEffect] + " (kr)", s[.npvPerParticipant] + " (kr)", s[.participants],
        s[.horizon],
      ],
      rows: comparison.measures.map { measure in
        let society = measure.society
        let scenario = measure.result.scenario
        let participants = scenario.measure.participants
        return [
          String(measure.rank), "\(scenario.title) (\(measure.id))", n.integer(society.npv),
          society.benefitCostRatio.map { n.decimal($0) } ?? "–", s.payback(society.payback),
          society.paysBackWithin(years: scenario.mandatePeriodYears) ? s[.yes] : s[.no],
          n.integer(society.totalInvestment), n.integer(society.totalEffect),
          participants > 0 ? n.integer(society.npv / Double(participants)) : "–", String(participants),
          "\(scenario.horizonYears) \(s[.years])",
        ]
      }, numeric: [2, 3, 6, 7, 8, 9], id: "ranking-table")
    html.open("figure")
    HorizontalBarChart(
      id: "chart-comparison", title: s[.societyNPV], description: s[.comparisonChartDesc],
      rows: comparison.measures.map { measure in
        HorizontalBarChart.Row(label: "\(measure.rank). \(measure.id)", value: measure.society.npv, color: 0)
      }, numbers: n
    ).write(to: html)
    html.element("figcaption", text: s[.comparisonChartDesc])
    html.close()
    html.close()
  }
}

struct ComparisonPerspectiveSection: HTMLSection {
  var comparison: MeasureComparison

  func write(to html: HTMLWriter, context: HTMLContext) {
    let s = context.strings
    let n = context.numbers
    html.open("section", [("id", "perspectives")])
    html.element("h2", text: "\(s[.npv]) · \(s[.perspective])")
    html.table(
      caption: "\(s[.npv]) (kr)", header: [s[.perspective]] + comparison.measures.map(\.id),
      rows: Perspective.all.map { perspective in
        [s.name(perspective)] + comparison.measures.map { n.integer($0.result.result(for: perspective).npv) }
      }, numeric: Set(1...comparison.measures.count), id: "perspectives-table")
    html.close()
  }
}

struct ComparisonProvenanceSection: HTMLSection {
  var comparison: MeasureComparison
  var samkalkVersion: String

  func write(to html: HTMLWriter, context: HTMLContext) {
    let s = context.strings
    html.open("footer", [("id", "provenance")])
    html.element("h2", text: s[.provenance])
    html.open("ul")
    html.element("li", text: "\(s[.samkalkVersion]): \(samkalkVersion)")
    for measure in comparison.measures {
      html.element(
        "li",
        text: "\(measure.id): \(measure.context.scenarioPath) (\(s[.sha256]) \(measure.context.scenarioSHA256))")
    }
    html.close()
    html.close()
  }
}

/// The comparison as a workbook: one sheet with the comparison CSV's rows (numbers as numbers).
public enum ComparisonXLSX {
  public static func workbook(_ comparison: MeasureComparison, language: ReportLanguage = .sv) -> XLSXWorkbook {
    typealias Cell = XLSXWorkbook.Cell
    let measures = comparison.measures
    var rows: [[Cell]] = [[.text("metric"), .text("perspective")] + measures.map { .text($0.id) }]
    func row(_ metric: String, _ perspective: String, _ cell: (ComparedMeasure) -> CSVField) {
      rows.append([.text(metric), .text(perspective)] + measures.map { XLSXReport.cell(cell($0)) })
    }
    row("rank", "") { .number(String($0.rank)) }
    row("title", "") { .text($0.result.scenario.title) }
    row("horizon_years", "") { .number(String($0.result.scenario.horizonYears)) }
    row("discount_rate", "") { .number(ReportText.share($0.result.discountRate)) }
    row("municipality", "") { .text($0.result.municipality.code) }
    row("rates_date", "") { .text($0.result.scenario.ratesDate.description) }
    row("mandate_period_years", "") { .number(String($0.result.scenario.mandatePeriodYears)) }
    row("participants", "") { .number(String($0.result.scenario.measure.participants)) }
    for metric in ComparisonCSV.metrics {
      for perspective in Perspective.all {
        row(metric, perspective.id) { ComparisonCSV.cell(metric, perspective, $0) }
      }
    }
    row("verkningsgrad", Perspective.samhallet.id) { measure in
      .number(measure.result.verkningsgrad.map { ReportText.ratio($0.ratio) } ?? "")
    }
    return XLSXWorkbook(sheets: [
      XLSXWorkbook.Sheet(
        name: language == .sv ? "Jämförelse" : "Comparison", rows: rows, boldRows: [0], widths: [0: 28, 1: 20])
    ])
  }
}
