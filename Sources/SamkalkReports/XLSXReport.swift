import SamkalkCore
import SamkalkEngine
import SamkalkRates

/// The run's workbook: summary, actors by year (every CSV column), inputs and assumptions, and
/// the rates used with their sources. Labels follow the language; numbers are locale-free
/// numbers that the spreadsheet formats itself.
public enum XLSXReport {
  public static func workbook(
    _ result: ScenarioResult, context: ReportContext, language: ReportLanguage = .sv, goals: [Goal] = []
  ) -> XLSXWorkbook {
    let s = ReportStrings(language)
    let sv = language == .sv
    var sheets = [
      summarySheet(result, context: context, strings: s),
      XLSXWorkbook.Sheet(
        name: sv ? "Aktörer per år" : "Actors by year",
        rows: [CSVReport.columns.map(XLSXWorkbook.Cell.text)]
          + result.perspectives.flatMap { perspective in
            perspective.years.map { year in
              CSVReport.fields(perspective, year, scenario: result.scenario).map(cell)
            }
          }, boldRows: [0], widths: [0: 20, 11: 22]),
      inputsSheet(result, strings: s, name: sv ? "Indata och antaganden" : "Inputs and assumptions"),
      ratesSheet(result.ratesUsed, strings: s, name: sv ? "Kalkylvärden" : "Rates used"),
    ]
    if !goals.isEmpty { sheets.append(goalsSheet(goals, strings: s, name: sv ? "Mål (ESF)" : "Goals (ESF)")) }
    return XLSXWorkbook(sheets: sheets)
  }

  public static func render(
    _ result: ScenarioResult, context: ReportContext, language: ReportLanguage = .sv, goals: [Goal] = []
  ) throws -> [UInt8] {
    try workbook(result, context: context, language: language, goals: goals).render()
  }

  static func cell(_ field: CSVField) -> XLSXWorkbook.Cell {
    switch field {
    case .text(let value): .text(value)
    case .number(let value): .number(value)
    }
  }

  static func summarySheet(_ result: ScenarioResult, context: ReportContext, strings s: ReportStrings)
    -> XLSXWorkbook.Sheet
  {
    let scenario = result.scenario
    typealias Cell = XLSXWorkbook.Cell
    var rows: [[Cell]] = [
      [.text(scenario.title)],
      [.text("id"), .text(scenario.id)],
      [.text(s[.participants]), .number(String(scenario.measure.participants))],
      [.text("\(s[.horizon]) (\(s[.years]))"), .number(String(scenario.horizonYears))],
      [.text(s[.discountRate]), .number(ReportText.share(result.discountRate))],
      [.text("\(s[.mandatePeriod]) (\(s[.years]))"), .number(String(scenario.mandatePeriodYears))],
      [.text(s[.municipality]), .text("\(result.municipality.code) \(result.municipality.name)")],
      [.text(s[.ratesDate]), .text(scenario.ratesDate.description)],
      [.text(s[.scenarioFile]), .text(context.scenarioPath)],
      [.text(s[.samkalkVersion]), .text(context.samkalkVersion)],
      [],
    ]
    for sentence in HTMLReport.summarySentences(result, language: s.language) { rows.append([.text(sentence)]) }
    rows.append([])
    let header = rows.count
    rows.append(
      [
        s[.perspective], "id", s[.investment] + " (kr)", s[.netEffect] + " (kr)", s[.netTotal] + " (kr)",
        s[.npv] + " (kr)", s[.bcr], s[.roi], s[.paybackMonth], s[.withinMandate], s[.simplePayback],
        s[.effectAfterExit] + " (kr)",
      ].map(Cell.text))
    for p in result.perspectives {
      rows.append([
        .text(s.name(p.perspective)), .text(p.perspective.id), .number(p.totalInvestment.description),
        .number(p.totalEffect.description), .number(p.totalNet.description), .number(ReportText.kronor(p.npv)),
        p.benefitCostRatio.map { .number(ReportText.ratio($0)) } ?? .empty,
        p.returnOnInvestment.map { .number(ReportText.ratio($0)) } ?? .empty,
        p.payback.month.map { .number(String($0)) } ?? .text(s[.notWithinHorizon]),
        .text(p.paysBackWithin(years: scenario.mandatePeriodYears) ? s[.yes] : s[.no]),
        p.simplePaybackYears.map { .number(ReportText.kronor($0)) } ?? .empty,
        .number(p.effectFirstYearAfterExit.description),
      ])
    }
    if !scenario.adjustments.isNone {
      rows.append([])
      rows.append([.text(SummaryTable.adjustmentsLine(scenario.adjustments, language: s.language))])
    }
    if let v = result.verkningsgrad {
      rows.append([])
      rows.append([.text(s[.verkningsgrad]), .number(ReportText.ratio(v.ratio))])
      rows.append([.text(s[.realisedPerYear] + " (kr)"), .number(ReportText.kronor(v.realisedPerYear))])
      rows.append([.text(s[.potentialPerYear] + " (kr)"), .number(ReportText.kronor(v.potentialPerYear))])
      rows.append([.text(s[.potentialProduction] + " (kr)"), .number(ReportText.kronor(v.potentialProductionPerYear))])
      rows.append([
        .text(s[.potentialResourceUse] + " (kr)"), .number(ReportText.kronor(v.potentialResourceUsePerYear)),
      ])
      rows.append([.text(s[.potentialWage] + " (kr)"), .number(ReportText.kronor(v.potentialWage))])
    }
    return XLSXWorkbook.Sheet(
      name: s.language == .sv ? "Sammanfattning" : "Summary", rows: rows, boldRows: [0, header],
      widths: [0: 28, 1: 20])
  }

  static func inputsSheet(_ result: ScenarioResult, strings s: ReportStrings, name: String) -> XLSXWorkbook.Sheet {
    var rows: [[XLSXWorkbook.Cell]] = [[s[.kind], s[.path], s[.value], s[.source], s[.location]].map { .text($0) }]
    let inputs = result.scenario.inputs
    for input in inputs.filter(\.source.isAssumption) + inputs.filter({ !$0.source.isAssumption }) {
      rows.append([
        .text(input.source.isAssumption ? s[.assumption] : s[.fact]), .text(input.path), .text(input.value),
        .text(input.source.text), .text(input.location?.description ?? ""),
      ])
    }
    return XLSXWorkbook.Sheet(name: name, rows: rows, boldRows: [0], widths: [1: 40, 3: 50])
  }

  /// Every rate used with its value, unit, status, source, note, validity, layer and place: the
  /// same sheet for a scenario's workbook and a follow-up study's.
  static func ratesSheet(_ ratesUsed: [UsedRate], strings s: ReportStrings, name: String) -> XLSXWorkbook.Sheet {
    var rows: [[XLSXWorkbook.Cell]] = [
      [s[.key], s[.value], s[.unit], s[.status], s[.source], s[.note], s[.from], s[.to], s[.layer], s[.location]]
        .map { .text($0) }
    ]
    for rate in ratesUsed {
      let value = rate.resolved.value
      let amount: XLSXWorkbook.Cell =
        switch value.amount {
        case .number: .number(value.amount.description)
        case .actor(let actor): .text(actor.rawValue)
        }
      rows.append([
        .text(rate.key.rawValue), amount, .text(value.unit.rawValue), .text(value.status.rawValue),
        .text(value.source.citation), .text(value.note ?? ""), .text(value.from.description),
        .text(value.to?.description ?? ""), .text(ReportText.layer(value.origin.layer)),
        .text(value.origin.location.description),
      ])
    }
    return XLSXWorkbook.Sheet(name: name, rows: rows, boldRows: [0], widths: [0: 40, 4: 50])
  }

  static func goalsSheet(_ goals: [Goal], strings s: ReportStrings, name: String) -> XLSXWorkbook.Sheet {
    var rows: [[XLSXWorkbook.Cell]] = [
      [s[.goal], s[.targetShare], s[.sex], s[.participants], s[.expected], s[.actual], s[.deviation]].map { .text($0) }
    ]
    for goal in goals {
      for row in goal.rows {
        rows.append([
          .text(goal.label), .number(ReportText.share(goal.targetShare)),
          .text(row.sex.map { $0 == .kvinna ? s[.women] : s[.men] } ?? s[.total]),
          .number(ReportText.persons(row.participants)), .number(ReportText.persons(row.expected)),
          .number(ReportText.persons(row.actual)), .number(ReportText.persons(row.deviation)),
        ])
      }
    }
    return XLSXWorkbook.Sheet(name: name, rows: rows, boldRows: [0], widths: [0: 30])
  }
}
