import SamkalkCore
import SamkalkUncertainty
import SamkalkXML

/// The Monte Carlo analysis as files: XML (`urn:samkalk:uncertainty:1`, root `<uncertainty>`),
/// two CSV tables (one row per perspective; the histogram bins and payback-by-year counts), HTML
/// (histograms and P(payback within the mandate period)) and a workbook. Machine forms are
/// locale-free; the same analysis gives the same bytes.
public enum UncertaintyReport {
  /// The summary CSV's header (docs/REPORT-FORMAT.md, "Uncertainty CSV").
  public static let columns = [
    "perspective", "deterministic_npv", "mean_npv", "sd_npv", "p5_npv", "p50_npv", "p95_npv", "min_npv", "max_npv",
    "p_npv_positive", "p_payback_within_mandate", "p_payback_within_horizon", "payback_month_p5",
    "payback_month_p50", "payback_month_p95",
  ]

  /// The distribution CSV's header: `kind` is `npv` (a histogram bin, bounds in kronor) or
  /// `payback_year` (bounds in months; `index` 0 is month 0, an empty index the draws without
  /// payback within the horizon).
  public static let distributionColumns = ["perspective", "kind", "index", "lower", "upper", "draws"]

  /// The XML report, valid against `uncertainty.xsd`.
  public static func xml(_ analysis: UncertaintyAnalysis) -> [UInt8] {
    let writer = XMLWriter()
    writer.start("uncertainty", namespace: UncertaintySchema.namespace)
    writer.attribute("version", UncertaintySchema.version)
    writer.attribute("scenario", analysis.scenarioID)
    writer.attribute("draws", String(analysis.draws))
    writer.attribute("seed", String(analysis.seed))
    writer.attribute("mandateMonths", String(analysis.mandateMonths))
    writer.attribute("horizonYears", String(analysis.horizonYears))
    writer.element("title", text: analysis.title)
    for parameter in analysis.parameters {
      writer.element(
        "parameter",
        attributes: [
          "id": parameter.id, "base": ReportText.share(parameter.baseValue), "distribution": parameter.distribution,
          "mean": ReportText.share(parameter.mean), "sampleMean": ReportText.share(parameter.sampleMean),
        ])
    }
    for d in analysis.perspectives {
      writer.start("perspective")
      writer.attribute("id", d.perspective.id)
      writer.attribute("deterministicNPV", ReportText.kronor(analysis.deterministicNPV(for: d.perspective)))
      for (name, value) in [
        ("mean", d.meanNPV), ("standardDeviation", d.standardDeviation), ("p5", d.p5), ("p50", d.p50),
        ("p95", d.p95), ("minimum", d.minimum), ("maximum", d.maximum),
      ] {
        writer.attribute(name, ReportText.kronor(value))
      }
      writer.attribute("probabilityPositiveNPV", ReportText.share(d.probabilityPositiveNPV))
      writer.attribute("probabilityPaybackWithinMandate", ReportText.share(d.probabilityPaybackWithinMandate))
      writer.attribute("probabilityPaybackWithinHorizon", ReportText.share(d.probabilityPaybackWithinHorizon))
      let histogram = d.npvHistogram
      writer.start("histogram")
      writer.attribute("lower", ReportText.kronor(histogram.lower))
      writer.attribute("upper", ReportText.kronor(histogram.upper))
      writer.attribute("binWidth", ReportText.kronor(histogram.binWidth))
      for (bin, count) in histogram.counts.enumerated() {
        let edges = histogram.edges(of: bin)
        writer.element(
          "bin",
          attributes: [
            "lower": ReportText.kronor(edges.lower), "upper": ReportText.kronor(edges.upper), "draws": String(count),
          ])
      }
      writer.end()
      writer.start("payback")
      writer.attribute("notWithinHorizon", String(d.paybackNotWithinHorizon))
      for (name, month) in [
        ("monthP5", d.paybackMonthP5), ("monthP50", d.paybackMonthP50), ("monthP95", d.paybackMonthP95),
      ] {
        if let month { writer.attribute(name, String(month)) }
      }
      for (year, count) in d.paybackByYear.enumerated() {
        writer.element("year", attributes: ["number": String(year), "draws": String(count)])
      }
      writer.end()
      writer.end()
    }
    writer.end()
    return writer.finish()
  }

  /// The first and last payback month counted in `paybackByYear[year]`.
  public static func paybackMonths(ofYear year: Int) -> (first: Int, last: Int) {
    year == 0 ? (0, 0) : (12 * (year - 1) + 1, 12 * year)
  }

  /// One row per perspective.
  static func table(_ analysis: UncertaintyAnalysis) -> CSVTable {
    CSVTable(
      header: columns,
      rows: analysis.perspectives.map { d in
        [.text(d.perspective.id)]
          + [
            analysis.deterministicNPV(for: d.perspective), d.meanNPV, d.standardDeviation, d.p5, d.p50, d.p95,
            d.minimum,
            d.maximum,
          ].map { .number(ReportText.kronor($0)) }
          + [d.probabilityPositiveNPV, d.probabilityPaybackWithinMandate, d.probabilityPaybackWithinHorizon].map {
            .number(ReportText.share($0))
          }
          + [d.paybackMonthP5, d.paybackMonthP50, d.paybackMonthP95].map { .number($0.map(String.init) ?? "") }
      })
  }

  /// The histogram bins, then the payback counts by year, of each perspective in turn.
  static func distributionTable(_ analysis: UncertaintyAnalysis) -> CSVTable {
    var rows: [[CSVField]] = []
    for d in analysis.perspectives {
      let id = CSVField.text(d.perspective.id)
      for (bin, count) in d.npvHistogram.counts.enumerated() {
        let edges = d.npvHistogram.edges(of: bin)
        rows.append([
          id, .text("npv"), .number(String(bin)), .number(ReportText.kronor(edges.lower)),
          .number(ReportText.kronor(edges.upper)), .number(String(count)),
        ])
      }
      for (year, count) in d.paybackByYear.enumerated() {
        let months = paybackMonths(ofYear: year)
        rows.append([
          id, .text("payback_year"), .number(String(year)), .number(String(months.first)),
          .number(String(months.last)), .number(String(count)),
        ])
      }
      rows.append([
        id, .text("payback_year"), .number(""), .number(""), .number(""), .number(String(d.paybackNotWithinHorizon)),
      ])
    }
    return CSVTable(header: distributionColumns, rows: rows)
  }

  /// `<id>-uncertainty.csv`: one row per perspective.
  public static func csv(_ analysis: UncertaintyAnalysis, dialect: CSVDialect = .rfc4180) -> [UInt8] {
    table(analysis).render(dialect: dialect)
  }

  /// `<id>-uncertainty-distribution.csv`: the histogram bins and payback counts.
  public static func distributionCSV(_ analysis: UncertaintyAnalysis, dialect: CSVDialect = .rfc4180) -> [UInt8] {
    distributionTable(analysis).render(dialect: dialect)
  }
}
