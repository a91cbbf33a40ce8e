import SamkalkCore
import SamkalkEngine
import SamkalkXML

/// The comparison report's XML form: a `<comparison>` root in the report namespace
/// (`urn:samkalk:report:2`), validated by the same `report.xsd` as the scenario report.
public enum ComparisonXML {
  public static func render(_ comparison: MeasureComparison, samkalkVersion: String) -> [UInt8] {
    let writer = XMLWriter()
    writer.start("comparison", namespace: ReportSchema.namespace)
    writer.attribute("version", ReportSchema.version)
    writer.attribute("criterion", comparison.criterion.rawValue)
    writeWarnings(comparison.warnings, to: writer)
    for measure in comparison.measures { writeMeasure(measure, to: writer) }
    writer.start("provenance")
    writer.element("samkalkVersion", text: samkalkVersion)
    writer.end()
    writer.end()
    return writer.finish()
  }

  static func writeWarnings(_ warnings: [Diagnostic], to writer: XMLWriter) {
    writer.start("warnings")
    for warning in warnings {
      writer.start("warning")
      writer.attribute("severity", warning.severity.rawValue)
      XMLReport.writeLocation(warning.location, to: writer)
      writer.text(warning.message)
      writer.end()
    }
    writer.end()
  }

  static func writeMeasure(_ measure: ComparedMeasure, to writer: XMLWriter) {
    let result = measure.result
    let scenario = result.scenario
    writer.start("measure")
    writer.attribute("id", scenario.id)
    writer.attribute("rank", String(measure.rank))
    writer.element("title", text: scenario.title)
    writer.element(
      "scenarioFile", [("path", measure.context.scenarioPath), ("sha256", measure.context.scenarioSHA256)])
    for file in result.rateFiles {
      var attributes = [
        ("path", file.path), ("sha256", file.sha256), ("layer", ReportText.layer(file.layer)),
      ]
      if let encoding = file.encoding { attributes.append(("encoding", encoding)) }
      writer.element("rateFile", attributes)
    }
    writer.element(
      "municipality", [("code", result.municipality.code), ("name", result.municipality.name)])
    writer.element("ratesDate", text: scenario.ratesDate.description)
    writer.element("horizonYears", text: String(scenario.horizonYears))
    writer.element("discountRate", text: ReportText.share(result.discountRate))
    writer.element("mandatePeriodYears", text: String(scenario.mandatePeriodYears))
    writer.element("participants", text: String(scenario.measure.participants))
    let participants = Double(scenario.measure.participants)
    for perspective in result.perspectives {
      writer.start("perspective")
      writer.attribute("id", perspective.perspective.id)
      writer.attribute("name", perspective.perspective.swedishName)
      writer.element(
        "totals",
        [
          ("effect", perspective.totalEffect.description),
          ("investment", perspective.totalInvestment.description),
          ("net", perspective.totalNet.description),
        ])
      writer.element("npv", text: ReportText.kronor(perspective.npv))
      if let ratio = perspective.benefitCostRatio {
        writer.element("benefitCostRatio", text: ReportText.ratio(ratio))
      }
      if let roi = perspective.returnOnInvestment {
        writer.element("returnOnInvestment", text: ReportText.ratio(roi))
      }
      XMLReport.writePayback(perspective.payback, to: writer)
      XMLReport.writeMandateAndPerParticipant(
        perspective, scenario: scenario, participants: participants, to: writer)
      writer.end()
    }
    if let breakEven = result.breakEven { XMLReport.writeBreakEven(breakEven, to: writer) }
    if let verkningsgrad = result.verkningsgrad { XMLReport.writeVerkningsgrad(verkningsgrad, to: writer) }
    writeWarnings(result.warnings, to: writer)
    writer.end()
  }
}

/// The comparison report's CSV form: one row per (metric, perspective), one column per measure
/// in rank order (`metric,perspective,<id 1>,<id 2>,…`). Same RFC 4180 rules as ``CSVReport``.
public enum ComparisonCSV {
  /// The per-perspective metrics, in row order (each for every perspective in report order).
  public static let metrics = [
    "npv", "benefit_cost_ratio", "return_on_investment", "payback_month", "pays_back_within_mandate",
    "investment", "effect", "net", "present_value_effects", "present_value_investment",
    "npv_per_participant", "investment_per_participant", "effect_per_participant", "break_even_share",
  ]

  public static func render(_ comparison: MeasureComparison, dialect: CSVDialect = .rfc4180) -> [UInt8] {
    let measures = comparison.measures
    var text = CSVReport.record(
      ["metric", "perspective"].map(CSVField.text) + measures.map { .text($0.id) }, dialect: dialect)
    func row(_ metric: String, _ perspective: String, _ cell: (ComparedMeasure) -> CSVField) {
      text += CSVReport.record([.text(metric), .text(perspective)] + measures.map(cell), dialect: dialect)
    }
    row("rank", "") { .number(String($0.rank)) }
    row("title", "") { .text($0.result.scenario.title) }
    row("horizon_years", "") { .number(String($0.result.scenario.horizonYears)) }
    row("discount_rate", "") { .number(ReportText.share($0.result.discountRate)) }
    row("municipality", "") { .text($0.result.municipality.code) }
    row("rates_date", "") { .text($0.result.scenario.ratesDate.description) }
    row("mandate_period_years", "") { .number(String($0.result.scenario.mandatePeriodYears)) }
    row("participants", "") { .number(String($0.result.scenario.measure.participants)) }
    for metric in metrics {
      for perspective in Perspective.all {
        row(metric, perspective.id) { cell(metric, perspective, $0) }
      }
    }
    row("verkningsgrad", Perspective.samhallet.id) { measure in
      .number(measure.result.verkningsgrad.map { ReportText.ratio($0.ratio) } ?? "")
    }
    return dialect.prefix + Array(text.utf8)
  }

  static func cell(_ metric: String, _ perspective: Perspective, _ measure: ComparedMeasure) -> CSVField {
    let result = measure.result.result(for: perspective)
    let scenario = measure.result.scenario
    let participants = Double(scenario.measure.participants)
    func perParticipant(_ money: Money) -> CSVField {
      .number(participants > 0 ? ReportText.perParticipant(money, participants) : "")
    }
    switch metric {
    case "npv": return .number(ReportText.kronor(result.npv))
    case "benefit_cost_ratio": return .number(result.benefitCostRatio.map(ReportText.ratio) ?? "")
    case "return_on_investment": return .number(result.returnOnInvestment.map(ReportText.ratio) ?? "")
    case "payback_month": return .text(result.payback.description)
    case "pays_back_within_mandate":
      return .text(result.paysBackWithin(years: scenario.mandatePeriodYears) ? "yes" : "no")
    case "investment": return .number(result.totalInvestment.description)
    case "effect": return .number(result.totalEffect.description)
    case "net": return .number(result.totalNet.description)
    case "present_value_effects": return .number(ReportText.kronor(result.presentValueOfEffects))
    case "present_value_investment": return .number(ReportText.kronor(result.presentValueOfInvestment))
    case "npv_per_participant":
      return .number(participants > 0 ? ReportText.kronor(result.npv / participants) : "")
    case "investment_per_participant": return perParticipant(result.totalInvestment)
    case "effect_per_participant": return perParticipant(result.totalEffect)
    case "break_even_share":
      return .text(measure.result.breakEven?.shares[perspective]?.description ?? "")
    default: preconditionFailure("unknown comparison metric \(metric)")
    }
  }
}

/// The comparison's side-by-side table for standard output, in Swedish: one column per measure
/// in rank order; split over several tables when wider than ``SummaryTable/maxWidth``.
public enum ComparisonTable {
  public static func render(_ comparison: MeasureComparison) -> String {
    let measures = comparison.measures
    let criterion =
      switch comparison.criterion {
      case .npv: "nuvärde för samhället"
      case .payback: "återbetalningstid för samhället"
      case .bcr: "nyttokostnadskvot för samhället"
      }
    var lines = ["Jämförelse av \(measures.count) insatser, rangordnade efter \(criterion)", ""]
    for measure in measures {
      lines.append("\(measure.rank). \(measure.id): \(measure.result.scenario.title) (\(measure.context.scenarioPath))")
    }
    lines.append("")

    func society(_ label: String, _ cell: (ComparedMeasure, PerspectiveResult) -> String) -> (String, [String]) {
      (label, measures.map { cell($0, $0.society) })
    }
    let rows: [(String, [String])] = [
      ("Rang", measures.map { String($0.rank) }),
      society("Nuvärde (kr)") { _, society in ReportText.groupedKronor(society.npv) },
      society("Nytta/kostnad") { _, society in society.benefitCostRatio.map { decimal($0) } ?? "–" },
      society("Avkastning (ROI)") { _, society in society.returnOnInvestment.map { decimal($0) } ?? "–" },
      society("Återbetalning") { _, society in SummaryTable.payback(society.payback) },
      society("Inom mandatperioden") { measure, society in
        let years = measure.result.scenario.mandatePeriodYears
        return "\(society.paysBackWithin(years: years) ? "ja" : "nej") (\(years) år)"
      },
      society("Investering (kr)") { _, society in ReportText.groupedKronor(society.totalInvestment) },
      society("Nettoeffekt (kr)") { _, society in ReportText.groupedKronor(society.totalEffect) },
      society("Nuvärde per deltagare (kr)") { measure, society in
        let participants = measure.result.scenario.measure.participants
        return participants > 0 ? ReportText.groupedKronor(society.npv / Double(participants)) : "–"
      },
      society("Break-even-andel") { measure, _ in
        measure.result.breakEven?.shares[.samhallet].map(SummaryTable.breakEven) ?? "–"
      },
      society("Verkningsgrad") { measure, _ in
        measure.result.verkningsgrad.map { SummaryTable.percent($0.ratio) + " %" } ?? "–"
      },
      ("Deltagare", measures.map { String($0.result.scenario.measure.participants) }),
      ("Horisont (år)", measures.map { String($0.result.scenario.horizonYears) }),
      ("Kalkylränta", measures.map { SummaryTable.percent($0.result.discountRate) + " %" }),
      ("Kommun", measures.map { "\($0.result.municipality.name) (\($0.result.municipality.code))" }),
      ("Prisdatum", measures.map { $0.result.scenario.ratesDate.description }),
    ]
    lines.append("Samhället")
    lines += tables(label: "Mått", rows: rows, measures: measures)
    lines.append("")
    lines.append("Nuvärde per perspektiv (kr)")
    lines += tables(
      label: "Perspektiv",
      rows: Perspective.all.map { perspective in
        (perspective.swedishName, measures.map { ReportText.groupedKronor($0.result.result(for: perspective).npv) })
      }, measures: measures)
    lines.append("")
    if comparison.warnings.isEmpty {
      lines.append("Inga varningar om jämförbarhet.")
    } else {
      lines.append("Varningar (\(comparison.warnings.count)):")
      lines += comparison.warnings.map { "  \($0.description)" }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `2,35`: two decimals with a decimal comma.
  static func decimal(_ value: Double) -> String {
    DecimalText.format(value, decimals: 2).replacing(".", with: ",")
  }

  /// A label column and one column per measure, split into tables of at most maxWidth columns.
  static func tables(label: String, rows: [(String, [String])], measures: [ComparedMeasure]) -> [String] {
    let names = SummaryTable.Column(header: label, alignment: .left, cells: rows.map(\.0))
    let columns = measures.indices.map { index in
      SummaryTable.Column(header: measures[index].id, alignment: .right, cells: rows.map { $0.1[index] })
    }
    var lines: [String] = []
    var chunk: [SummaryTable.Column] = []
    for column in columns {
      if !chunk.isEmpty && SummaryTable.width(of: [names] + chunk + [column]) > SummaryTable.maxWidth {
        lines += SummaryTable.table([names] + chunk)
        lines.append("")
        chunk = []
      }
      chunk.append(column)
    }
    lines += SummaryTable.table([names] + chunk)
    return lines
  }
}
