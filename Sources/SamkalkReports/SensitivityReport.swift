import SamkalkCore
import SamkalkUncertainty
import SamkalkXML

/// The one-way sensitivity analysis as files: XML (`urn:samkalk:uncertainty:1`, root
/// `<sensitivity>`), CSV (one row per parameter and perspective), HTML (a tornado diagram) and a
/// workbook. Machine forms are locale-free; the same analysis gives the same bytes.
public enum SensitivityReport {
  /// The CSV header, in order (docs/REPORT-FORMAT.md, "Sensitivity CSV").
  public static let columns = [
    "parameter", "kind", "unit", "range_source", "base_value", "low_value", "high_value", "perspective", "base_npv",
    "npv_low", "npv_high", "swing", "switching_value",
  ]

  /// The XML report, valid against `uncertainty.xsd`.
  public static func xml(_ analysis: SensitivityAnalysis) -> [UInt8] {
    let writer = XMLWriter()
    writer.start("sensitivity", namespace: UncertaintySchema.namespace)
    writer.attribute("version", UncertaintySchema.version)
    writer.attribute("scenario", analysis.scenarioID)
    writer.attribute("range", ReportText.share(analysis.range))
    writer.attribute("discountRate", ReportText.share(analysis.discountRate))
    writer.attribute("horizonYears", String(analysis.horizonYears))
    writer.element("title", text: analysis.title)
    writer.start("base")
    for perspective in Perspective.all {
      writer.element(
        "npv",
        attributes: ["perspective": perspective.id, "npv": ReportText.kronor(analysis.baseNPV(for: perspective))])
    }
    writer.end()
    for row in analysis.rows {
      writer.start("parameter")
      writer.attribute("id", row.id)
      writer.attribute("kind", row.kind.rawValue)
      writer.attribute("unit", row.unit)
      writer.attribute("base", ReportText.share(row.baseValue))
      writer.attribute("low", ReportText.share(row.lowValue))
      writer.attribute("high", ReportText.share(row.highValue))
      writer.attribute("rangeSource", row.rangeSource.rawValue)
      for perspective in Perspective.all {
        writer.start("perspective")
        writer.attribute("id", perspective.id)
        writer.attribute("npvLow", ReportText.kronor(row.npvLow(for: perspective)))
        writer.attribute("npvHigh", ReportText.kronor(row.npvHigh(for: perspective)))
        writer.attribute("swing", ReportText.kronor(row.swing(for: perspective)))
        writer.attribute("switchingValue", row.switchingValue(for: perspective).description)
        writer.end()
      }
      writer.end()
    }
    writer.end()
    return writer.finish()
  }

  /// The CSV table: one row per parameter (in the analysis's order) and perspective.
  static func table(_ analysis: SensitivityAnalysis) -> CSVTable {
    CSVTable(
      header: columns,
      rows: analysis.rows.flatMap { row in
        Perspective.all.map { perspective in
          let switching = row.switchingValue(for: perspective)
          return [
            .text(row.id), .text(row.kind.rawValue), .text(row.unit), .text(row.rangeSource.rawValue),
            .number(ReportText.share(row.baseValue)), .number(ReportText.share(row.lowValue)),
            .number(ReportText.share(row.highValue)), .text(perspective.id),
            .number(ReportText.kronor(analysis.baseNPV(for: perspective))),
            .number(ReportText.kronor(row.npvLow(for: perspective))),
            .number(ReportText.kronor(row.npvHigh(for: perspective))),
            .number(ReportText.kronor(row.swing(for: perspective))),
            switching.value == nil ? .text(switching.description) : .number(switching.description),
          ]
        }
      })
  }

  /// The CSV report in the given dialect.
  public static func csv(_ analysis: SensitivityAnalysis, dialect: CSVDialect = .rfc4180) -> [UInt8] {
    table(analysis).render(dialect: dialect)
  }
}
