import SamkalkCore
import SamkalkUncertainty

extension UncertaintyReport {
  /// The page: header, the figures per perspective, society's NPV histogram and one per actor,
  /// P(payback within the mandate period) per actor and for society, the payback counts by
  /// year, the varied parameters, and the samkalk version.
  public static func html(_ analysis: UncertaintyAnalysis, language: ReportLanguage = .sv, samkalkVersion: String)
    -> [UInt8]
  {
    HTMLPage.render(
      title: "\(ReportStrings(language)[.uncertainty]): \(analysis.title)", language: language,
      sections: sections(analysis, language: language, samkalkVersion: samkalkVersion))
  }

  /// The page's sections, for embedding in another page.
  public static func sections(_ analysis: UncertaintyAnalysis, language: ReportLanguage, samkalkVersion: String)
    -> [any HTMLSection]
  {
    let s = ReportStrings(language)
    let n = HumanNumber(language)
    return [
      AnalysisHeaderSection(
        kind: .uncertainty, title: analysis.title,
        facts: [
          analysis.scenarioID, "\(n.integer(Double(analysis.draws))) \(s[.draws])", "\(s[.seed]) \(analysis.seed)",
          "\(s[.mandatePeriod]) \(analysis.mandateMonths) \(s[.monthsUnit])",
          "\(s[.horizon]) \(analysis.horizonYears) \(s[.years])",
        ]),
      DistributionSummarySection(analysis: analysis), HistogramSection(analysis: analysis),
      PaybackProbabilitySection(analysis: analysis), UncertainParametersSection(analysis: analysis),
      ProvenanceSection(context: nil, rateFiles: [], version: samkalkVersion),
    ]
  }

  /// The histograms drawn: society first, then the seven actors.
  static func histogramPerspectives(_ analysis: UncertaintyAnalysis) -> [PerspectiveDistribution] {
    analysis.perspectives.filter { $0.perspective == .samhallet }
      + analysis.perspectives.filter { HTMLReport.isActor($0.perspective) }
  }
}

struct DistributionSummarySection: HTMLSection {
  var analysis: UncertaintyAnalysis

  func write(to html: HTMLWriter, context: HTMLContext) {
    let s = context.strings
    let n = context.numbers
    html.open("section", [("id", "summary")])
    html.element("h2", text: s[.summary])
    html.table(
      caption: "\(s[.npv]) (kr)",
      header: [
        s[.perspective], s[.deterministicNPV], s[.meanNPV], s[.standardDeviation], s[.p5], s[.p50], s[.p95],
        s[.probabilityPositive],
      ],
      rows: analysis.perspectives.map { d in
        [
          s.name(d.perspective), n.integer(analysis.deterministicNPV(for: d.perspective)), n.integer(d.meanNPV),
          n.integer(d.standardDeviation), n.integer(d.p5), n.integer(d.p50), n.integer(d.p95),
          n.percent(d.probabilityPositiveNPV, decimals: 1),
        ]
      }, numeric: Set(1...7), id: "uncertainty-table")
    // P(payback within the mandate period) is in the payback section's chart and table.
    html.close()
  }
}

struct HistogramSection: HTMLSection {
  var analysis: UncertaintyAnalysis

  func write(to html: HTMLWriter, context: HTMLContext) {
    let s = context.strings
    let n = context.numbers
    html.open("section", [("id", "histograms")])
    html.element("h2", text: s[.histogram])
    for d in UncertaintyReport.histogramPerspectives(analysis) {
      let title = "\(s[.histogram]): \(s.name(d.perspective))"
      html.element("h3", text: s.name(d.perspective))
      ChartFigure(caption: s[.histogramDesc]) { html in
        HistogramChart(
          id: "chart-histogram-\(d.perspective.id)", title: title, description: s[.histogramDesc],
          histogram: d.npvHistogram, marker: analysis.deterministicNPV(for: d.perspective),
          markerLabel: s[.deterministicNPV], countUnit: s[.draws], numbers: n
        ).write(to: html)
      }.write(to: html)
      html.table(
        caption: "\(s[.chartTable]): \(title)", header: [s[.binFrom], s[.binTo], s[.draws]],
        rows: d.npvHistogram.counts.indices.map { bin in
          let edges = d.npvHistogram.edges(of: bin)
          return [n.integer(edges.lower), n.integer(edges.upper), String(d.npvHistogram.counts[bin])]
        }, numeric: [1, 2], id: "histogram-table-\(d.perspective.id)")
    }
    html.close()
  }
}

struct PaybackProbabilitySection: HTMLSection {
  var analysis: UncertaintyAnalysis

  func write(to html: HTMLWriter, context: HTMLContext) {
    let s = context.strings
    let n = context.numbers
    let shown = analysis.perspectives.filter { $0.perspective != .offentligSektor }
    html.open("section", [("id", "payback")])
    html.element("h2", text: s[.probabilityPaybackMandate])
    ChartFigure(caption: s[.paybackProbabilityDesc]) { html in
      HorizontalBarChart(
        id: "chart-payback-probability", title: s[.probabilityPaybackMandate],
        description: s[.paybackProbabilityDesc],
        rows: shown.enumerated().map { index, d in
          HorizontalBarChart.Row(
            label: s.name(d.perspective), value: d.probabilityPaybackWithinMandate,
            color: d.perspective == .samhallet ? ChartPalette.colors.count - 1 : index)
        }, numbers: n, valueText: { n.percent($0, decimals: 1) }
      ).write(to: html)
    }.write(to: html)
    // Two tables, not one: with a year a column, a ten-year horizon gave sixteen columns and
    // pushed the payback months off the page. The years run down, the perspectives across.
    html.table(
      caption: "\(s[.chartTable]): \(s[.probabilityPaybackMandate])",
      header: [
        s[.perspective], s[.probabilityPaybackMandate], s[.probabilityPaybackHorizon], s[.notWithinHorizon],
        s[.paybackMonthPercentiles],
      ],
      rows: shown.map { d in
        [
          s.name(d.perspective), n.percent(d.probabilityPaybackWithinMandate, decimals: 1),
          n.percent(d.probabilityPaybackWithinHorizon, decimals: 1), String(d.paybackNotWithinHorizon),
          [d.paybackMonthP5, d.paybackMonthP50, d.paybackMonthP95].map { $0.map(String.init) ?? "–" }
            .joined(separator: " / "),
        ]
      }, numeric: [1, 2, 3, 4], id: "payback-table")
    let years = analysis.perspectives.map(\.paybackByYear.count).max() ?? 0
    html.table(
      caption: "\(s[.paybackByYear]) (\(s[.draws]))",
      header: [s[.paybackYear]] + shown.map { s.shortName($0.perspective) },
      rows: (0..<years).map { year in
        [year == 0 ? s[.immediately] : "\(s[.year]) \(year)"]
          + shown.map { year < $0.paybackByYear.count ? String($0.paybackByYear[year]) : "–" }
      }, numeric: Set(1...shown.count), id: "payback-year-table")
    // The short headings keep the table within A4; this line says what they stand for.
    html.element(
      "p", [("class", "note")],
      text: shown.map { "\(s.shortName($0.perspective)) = \(s.name($0.perspective))" }.joined(separator: ", ") + ".")
    html.close()
  }
}

struct UncertainParametersSection: HTMLSection {
  var analysis: UncertaintyAnalysis

  func write(to html: HTMLWriter, context: HTMLContext) {
    let s = context.strings
    let n = context.numbers
    html.open("section", [("id", "parameters")])
    html.element("h2", text: s[.parametersVaried].prefix(1).uppercased() + s[.parametersVaried].dropFirst())
    html.table(
      caption: s[.distribution], header: [s[.parameter], s[.baseValue], s[.distribution], s[.mean], s[.sampleMean]],
      rows: analysis.parameters.map {
        [$0.id, n.parameter($0.baseValue), $0.distribution, n.parameter($0.mean), n.parameter($0.sampleMean)]
      }, numeric: [1, 3, 4], id: "parameters-table")
    html.close()
  }
}
