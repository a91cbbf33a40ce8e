import SamkalkCore
import SamkalkUncertainty

extension SensitivityReport {
  /// The most parameters a tornado diagram shows; the tables list every row.
  public static let tornadoLimit = 15

  /// The page: header, the tornado diagram for society with its table, every perspective's
  /// switching values, and the samkalk version.
  public static func html(_ analysis: SensitivityAnalysis, language: ReportLanguage = .sv, samkalkVersion: String)
    -> [UInt8]
  {
    HTMLPage.render(
      title: "\(ReportStrings(language)[.sensitivity]): \(analysis.title)", language: language,
      sections: sections(analysis, language: language, samkalkVersion: samkalkVersion))
  }

  /// The page's sections, for embedding in another page (``HTMLReport/render(_:context:language:goals:extraSections:)``).
  public static func sections(_ analysis: SensitivityAnalysis, language: ReportLanguage, samkalkVersion: String)
    -> [any HTMLSection]
  {
    let s = ReportStrings(language)
    let n = HumanNumber(language)
    return [
      AnalysisHeaderSection(
        kind: .sensitivity, title: analysis.title,
        facts: [
          analysis.scenarioID, "\(s[.range]) ±\(n.percent(analysis.range))",
          "\(analysis.rows.count) \(s[.parametersVaried])", "\(s[.discountRate]) \(n.percent(analysis.discountRate))",
          "\(s[.horizon]) \(analysis.horizonYears) \(s[.years])",
        ]),
      TornadoSection(analysis: analysis), SwitchingValuesSection(analysis: analysis),
      ProvenanceSection(context: nil, rateFiles: [], version: samkalkVersion),
    ]
  }

  /// A switching value for people: the value, or `–` (explained under the table) when there is
  /// none in the range, so that a table of nine perspectives stays narrow enough for A4.
  static func switchingText(_ value: SwitchingValue, _ n: HumanNumber) -> String {
    value.value.map(n.parameter) ?? "–"
  }
}

struct TornadoSection: HTMLSection {
  var analysis: SensitivityAnalysis

  func write(to html: HTMLWriter, context: HTMLContext) {
    let s = context.strings
    let n = context.numbers
    let society = Perspective.samhallet
    let shown = Array(analysis.tornado(limit: SensitivityReport.tornadoLimit))
    html.open("section", [("id", "tornado")])
    html.element("h2", text: s[.tornado])
    ChartFigure(caption: s[.tornadoDesc]) { html in
      TornadoChart(
        id: "chart-tornado", title: s[.tornado], description: s[.tornadoDesc], base: analysis.baseNPV(for: society),
        baseLabel: s[.baseNPV], lowLabel: s[.lowValue], highLabel: s[.highValue],
        rows: shown.map { row in
          TornadoChart.Row(
            label: SensitivityReport.chartLabel(row.id), low: row.npvLow(for: society), high: row.npvHigh(for: society),
            lowTitle: "\(row.id) = \(n.parameter(row.lowValue)): \(n.kronor(row.npvLow(for: society)))",
            highTitle: "\(row.id) = \(n.parameter(row.highValue)): \(n.kronor(row.npvHigh(for: society)))")
        }, numbers: n
      ).write(to: html)
    }.write(to: html)
    html.table(
      caption: "\(s[.chartTable]): \(s[.tornado]) (kr)",
      header: [
        s[.parameter], s[.unit], s[.baseValue], s[.lowValue], s[.highValue], s[.npvLow], s[.npvHigh], s[.swing],
        s[.switchingValue],
      ],
      rows: analysis.rows.map { row in
        [
          row.id, row.unit, n.parameter(row.baseValue), n.parameter(row.lowValue), n.parameter(row.highValue),
          n.integer(row.npvLow(for: society)), n.integer(row.npvHigh(for: society)), n.integer(row.swing(for: society)),
          SensitivityReport.switchingText(row.switchingValue(for: society), n),
        ]
      }, numeric: [2, 3, 4, 5, 6, 7, 8], id: "tornado-table")
    html.element("p", [("class", "note")], text: s[.noneInRangeNote])
    let ownRanges = analysis.rows.filter { $0.rangeSource == .scenario }.map(\.id)
    html.element(
      "p", [("class", "note")],
      text: "\(s[.rangeSource]) \(s[.scenarioRange]): \(ownRanges.isEmpty ? "–" : ownRanges.joined(separator: ", ")); "
        + "\(s[.relativeRange]) ±\(n.percent(analysis.range)).")
    html.close()
  }
}

struct SwitchingValuesSection: HTMLSection {
  var analysis: SensitivityAnalysis

  func write(to html: HTMLWriter, context: HTMLContext) {
    let s = context.strings
    let n = context.numbers
    html.open("section", [("id", "switching-values")])
    html.element("h2", text: s[.switchingValues])
    html.table(
      caption: s[.switchingValues],
      header: [s[.parameter], s[.baseValue]] + Perspective.all.map { s.shortName($0) },
      rows: analysis.rows.map { row in
        [row.id, n.parameter(row.baseValue)]
          + Perspective.all.map { SensitivityReport.switchingText(row.switchingValue(for: $0), n) }
      }, numeric: Set(1...(Perspective.all.count + 1)), id: "switching-table")
    html.element("p", [("class", "note")], text: s[.noneInRangeNote])
    html.table(
      caption: "\(s[.baseNPV]) (kr)", header: [s[.perspective], s[.npv] + " (kr)"],
      rows: Perspective.all.map { [s.name($0) + " (\(s.shortName($0)))", n.integer(analysis.baseNPV(for: $0))] },
      numeric: [1], id: "base-npv-table")
    html.close()
  }
}
