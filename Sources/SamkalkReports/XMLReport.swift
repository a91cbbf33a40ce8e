import SamkalkCore
import SamkalkEngine
import SamkalkRates
import SamkalkXML

/// The XML report (`urn:samkalk:report:2`), described in `docs/REPORT-FORMAT.md` and
/// validated by `Schemas/report.xsd`.
///
/// The report holds no timestamp and nothing else that varies between runs: the same scenario,
/// rates and samkalk version give the same bytes. Ledger money is written with
/// ``Money/description`` (kronor, two decimals); derived figures with ``DecimalText`` (two
/// decimals for kronor, six for shares and rates).
public enum XMLReport {
  public static func render(_ result: ScenarioResult, context: ReportContext) -> [UInt8] {
    let writer = XMLWriter()
    writer.start("report", namespace: ReportSchema.namespace)
    writer.attribute("version", ReportSchema.version)
    writeScenario(result, to: writer)
    writeResults(result, to: writer)
    writeSubgroups(result, to: writer)
    if let breakEven = result.breakEven { writeBreakEven(breakEven, to: writer) }
    if let verkningsgrad = result.verkningsgrad { writeVerkningsgrad(verkningsgrad, to: writer) }
    writeLedgers(result, to: writer)
    writeTaxes(result, to: writer)
    writeWarnings(result, to: writer)
    writeProvenance(result, context: context, to: writer)
    writeRates(result, to: writer)
    writeInputs(result, to: writer)
    writer.end()
    return writer.finish()
  }

  // MARK: - Scenario identity

  static func writeScenario(_ result: ScenarioResult, to writer: XMLWriter) {
    let scenario = result.scenario
    writer.start("scenario")
    writer.attribute("id", scenario.id)
    writer.element("title", text: scenario.title)
    if let summary = scenario.summary { writer.element("summary", text: summary) }
    let municipality = result.municipality
    writer.element(
      "municipality",
      [
        ("code", municipality.code), ("name", municipality.name),
        ("year", String(municipality.year)),
        ("kommunal", ReportText.share(municipality.kommunal)),
        ("regional", ReportText.share(municipality.regional)),
        ("total", ReportText.share(municipality.total)), ("status", municipality.status.rawValue),
        ("source", municipality.source.citation),
      ])
    writer.element("ratesDate", text: scenario.ratesDate.description)
    writer.element("start", text: scenario.start.description)
    writer.element("horizonYears", text: String(scenario.horizonYears))
    writer.element("discountRate", text: ReportText.share(result.discountRate))
    writer.element("mandatePeriodYears", text: String(scenario.mandatePeriodYears))
    writer.element("participants", text: String(scenario.measure.participants))
    writer.element("population", text: scenario.population.rawValue)
    writeMeasure(scenario.measure, to: writer)
    writer.start("outcomes")
    for outcome in scenario.outcomes { writeOutcome(outcome, to: writer) }
    writer.end()
    writer.start("comparisonBasis")
    switch scenario.comparison {
    case .beforePersists:
      writer.attribute("kind", "before-persists")
    case .alternative(let groups):
      writer.attribute("kind", "alternative")
      for group in groups { writeOutcome(group, to: writer) }
    }
    writer.end()
    let adjustments = scenario.adjustments
    writer.element(
      "adjustments",
      [
        ("deadweight", ReportText.share(adjustments.deadweight)),
        ("attribution", ReportText.share(adjustments.attribution)),
        ("displacement", ReportText.share(adjustments.displacement)),
        ("dropOff", ReportText.share(adjustments.dropOff)),
        ("optimismBias", ReportText.share(adjustments.optimismBias)),
        ("optimismBiasBenefits", ReportText.share(adjustments.optimismBiasBenefits)),
        ("optimismBiasDelayMonths", String(adjustments.optimismBiasDelayMonths)),
      ])
    writer.end()
  }

  /// An outcome group, typfall or comparison-alternative group, with its subgroups.
  static func writeOutcome(_ outcome: Outcome, to writer: XMLWriter) {
    writer.start("outcome")
    writer.attribute("id", outcome.id)
    if let label = outcome.label { writer.attribute("label", label) }
    writer.attribute("persons", ReportText.persons(outcome.persons))
    writer.attribute("startMonth", String(outcome.startMonth))
    if outcome.before != nil { writer.attribute("ownBefore", "yes") }
    for share in outcome.subgroups {
      var attributes = [("id", share.subgroup.description)]
      if let sex = share.subgroup.sex { attributes.append(("sex", sex.rawValue)) }
      if let band = share.subgroup.ageBand { attributes.append(("ageBand", band)) }
      attributes.append(("persons", ReportText.persons(share.persons)))
      writer.element("subgroup", attributes)
    }
    writer.end()
  }

  static func writeMeasure(_ measure: Measure, to writer: XMLWriter) {
    writer.start("measure")
    writer.attribute("months", String(measure.months))
    for financing in measure.financing { writeFinancing(financing, to: writer) }
    for cost in measure.costs {
      writer.start("cost")
      writer.attribute("id", cost.id)
      writer.attribute("label", cost.label)
      writer.attribute("amount", cost.amount.description)
      writer.attribute("startMonth", String(cost.startMonth))
      writer.attribute("months", String(cost.months))
      writer.attribute("kind", cost.kind.rawValue)
      for financing in cost.financing ?? [] { writeFinancing(financing, to: writer) }
      writer.end()
    }
    writer.end()
  }

  static func writeFinancing(_ financing: Financing, to writer: XMLWriter) {
    writer.element(
      "financing",
      [("financier", financing.financier.id), ("share", ReportText.share(financing.share))])
  }

  // MARK: - Results per perspective

  static func writeResults(_ result: ScenarioResult, to writer: XMLWriter) {
    writer.start("results")
    for perspective in result.perspectives {
      writePerspective(
        perspective, scenario: result.scenario, participants: Double(result.scenario.measure.participants),
        to: writer)
    }
    writer.end()
  }

  /// One perspective's yearly steps, totals and measures; `participants` divides the
  /// per-participant figures (the scenario's participants, or a subgroup's persons).
  static func writePerspective(
    _ perspective: PerspectiveResult, scenario: Scenario, participants: Double, to writer: XMLWriter
  ) {
    writer.start("perspective")
    writer.attribute("id", perspective.perspective.id)
    writer.attribute("name", perspective.perspective.swedishName)
    for year in perspective.years {
      let (first, last) = ReportText.months(
        ofYear: year.year, start: scenario.start, horizonMonths: scenario.months)
      writer.element(
        "year",
        [
          ("number", String(year.year)), ("firstMonth", first.description),
          ("lastMonth", last.description), ("before", year.before.description),
          ("after", year.after.description), ("change", year.change.description),
          ("afterDeadweight", year.afterDeadweight.description),
          ("afterAttribution", year.afterAttribution.description),
          ("afterDisplacement", year.afterDisplacement.description), ("effect", year.effect.description),
          ("investmentBeforeUplift", year.investmentBeforeUplift.description),
          ("investment", year.investment.description), ("net", year.net.description),
          ("cumulative", year.cumulative.description),
          ("presentValue", ReportText.kronor(year.presentValue)),
        ])
    }
    func total(_ step: KeyPath<YearFigures, Money>) -> String {
      perspective.years.reduce(Money.zero) { $0 + $1[keyPath: step] }.description
    }
    writer.element(
      "totals",
      [
        ("before", total(\.before)), ("after", total(\.after)), ("change", total(\.change)),
        ("afterDeadweight", total(\.afterDeadweight)), ("afterAttribution", total(\.afterAttribution)),
        ("afterDisplacement", total(\.afterDisplacement)), ("effect", total(\.effect)),
        ("investmentBeforeUplift", total(\.investmentBeforeUplift)), ("investment", total(\.investment)),
        ("net", total(\.net)),
      ])
    writer.element("npv", text: ReportText.kronor(perspective.npv))
    writer.element(
      "presentValues",
      [
        ("effects", ReportText.kronor(perspective.presentValueOfEffects)),
        ("investment", ReportText.kronor(perspective.presentValueOfInvestment)),
      ])
    if let ratio = perspective.benefitCostRatio {
      writer.element("benefitCostRatio", text: ReportText.ratio(ratio))
    }
    if let roi = perspective.returnOnInvestment {
      writer.element("returnOnInvestment", text: ReportText.ratio(roi))
    }
    writePayback(perspective.payback, to: writer)
    if let simple = perspective.simplePaybackYears {
      writer.element("simplePaybackYears", text: ReportText.kronor(simple))
    }
    writer.element("effectFirstYearAfterExit", text: perspective.effectFirstYearAfterExit.description)
    writeMandateAndPerParticipant(perspective, scenario: scenario, participants: participants, to: writer)
    writer.end()
  }

  /// `<mandatePeriod>` and `<perParticipant>`, shared by the scenario and the comparison report.
  static func writeMandateAndPerParticipant(
    _ perspective: PerspectiveResult, scenario: Scenario, participants: Double, to writer: XMLWriter
  ) {
    let within = perspective.paysBackWithin(years: scenario.mandatePeriodYears)
    writer.element(
      "mandatePeriod",
      [("years", String(scenario.mandatePeriodYears)), ("paysBackWithin", within ? "yes" : "no")])
    if participants > 0 {
      writer.element(
        "perParticipant",
        [
          ("participants", ReportText.persons(participants)),
          ("effect", ReportText.perParticipant(perspective.totalEffect, participants)),
          ("investment", ReportText.perParticipant(perspective.totalInvestment, participants)),
          ("net", ReportText.perParticipant(perspective.totalNet, participants)),
          ("npv", ReportText.kronor(perspective.npv / participants)),
        ])
    }
  }

  static func writePayback(_ payback: Payback, to writer: XMLWriter) {
    writer.start("payback")
    switch payback {
    case .month(let month): writer.element("month", text: String(month))
    case .notWithinHorizon: writer.element("notWithinHorizon")
    }
    writer.end()
  }

  // MARK: - Subgroups, break-even, verkningsgrad

  static func writeSubgroups(_ result: ScenarioResult, to writer: XMLWriter) {
    writer.start("subgroups")
    for subgroup in result.subgroups {
      writer.start("subgroup")
      writer.attribute("id", subgroup.subgroup.description)
      if let sex = subgroup.subgroup.sex { writer.attribute("sex", sex.rawValue) }
      if let band = subgroup.subgroup.ageBand { writer.attribute("ageBand", band) }
      writer.attribute("participants", ReportText.persons(subgroup.participants))
      for perspective in subgroup.perspectives {
        writePerspective(
          perspective, scenario: result.scenario, participants: subgroup.participants, to: writer)
      }
      writer.end()
    }
    writer.end()
  }

  static func writeBreakEven(_ analysis: BreakEvenAnalysis, to writer: XMLWriter) {
    writer.start("breakEven")
    writer.attribute("outcome", analysis.outcome)
    writer.attribute("years", String(analysis.years))
    for perspective in Perspective.all {
      guard let share = analysis.shares[perspective] else { continue }
      writer.start("perspective")
      writer.attribute("id", perspective.id)
      writer.attribute("name", perspective.swedishName)
      if let value = analysis.successValue[perspective] {
        writer.attribute("successValue", ReportText.kronor(value))
      }
      if let value = analysis.investmentValue[perspective] {
        writer.attribute("investmentValue", ReportText.kronor(value))
      }
      writeBreakEvenShare(share, to: writer)
      writer.end()
    }
    writer.end()
  }

  static func writeBreakEvenShare(_ share: BreakEvenShare, to writer: XMLWriter) {
    switch share {
    case .share(let value): writer.element("share", text: ReportText.ratio(value))
    case .noInvestment: writer.element("noInvestment")
    case .notReachable(let value): writer.element("notReachable", [("share", ReportText.ratio(value))])
    case .never: writer.element("never")
    }
  }

  static func writeVerkningsgrad(_ verkningsgrad: Verkningsgrad, to writer: XMLWriter) {
    writer.element(
      "verkningsgrad",
      [
        ("realisedPerYear", ReportText.kronor(verkningsgrad.realisedPerYear)),
        ("potentialPerYear", ReportText.kronor(verkningsgrad.potentialPerYear)),
        ("potentialWage", ReportText.kronor(verkningsgrad.potentialWage)),
        ("potentialProductionPerYear", ReportText.kronor(verkningsgrad.potentialProductionPerYear)),
        ("potentialResourceUsePerYear", ReportText.kronor(verkningsgrad.potentialResourceUsePerYear)),
        ("ratio", ReportText.ratio(verkningsgrad.ratio)),
      ])
  }

  // MARK: - Ledgers

  static func writeLedgers(_ result: ScenarioResult, to writer: XMLWriter) {
    writer.start("ledgers")
    for arm in LedgerArm.allCases {
      guard let ledger = result.ledgers[arm] else { continue }
      let totals = ledger.totals
      let nets = Actor.allCases.map { actor in (actor, ledger.monthlyNet(of: actor).reduce(.zero, +)) }
      let sumOfNets = nets.reduce(Money.zero) { $0 + $1.1 }
      let surplus = totals.production - totals.resources
      let holds = sumOfNets == surplus && totals.transferBalance == .zero
      writer.start("ledger")
      writer.attribute("arm", arm.rawValue)
      writer.attribute("months", String(ledger.months))
      writer.element(
        "totals",
        [
          ("production", totals.production.description),
          ("resources", totals.resources.description),
          ("sumOfNets", sumOfNets.description), ("transfers", totals.transfers.description),
          ("transferBalance", totals.transferBalance.description),
          ("flowCount", String(totals.flowCount)),
        ])
      writer.start("invariant")
      writer.attribute("holds", holds ? "true" : "false")
      writer.text(
        "production − resources = Σ nets: \(totals.production) − \(totals.resources) = \(surplus)"
          + " \(sumOfNets == surplus ? "=" : "≠") \(sumOfNets); transfers balance \(totals.transferBalance)"
      )
      writer.end()
      for (actor, net) in nets {
        writer.element("actorNet", [("actor", actor.rawValue), ("net", net.description)])
      }
      for item in ledger.itemTotals {
        writer.element(
          "item",
          [
            ("name", item.item), ("payer", item.payer.description),
            ("payee", item.payee.description),
            ("kind", item.kind.rawValue), ("amount", item.amount.description),
          ])
      }
      writer.end()
    }
    writer.end()
  }

  // MARK: - Taxes

  static func writeTaxes(_ result: ScenarioResult, to writer: XMLWriter) {
    writer.start("taxes")
    for record in result.taxes {
      let tax = record.breakdown
      writer.element(
        "tax",
        [
          ("arm", record.arm.rawValue), ("group", record.group), ("year", String(record.year)),
          ("persons", ReportText.persons(record.persons)),
          ("faststalldForvarvsinkomst", tax.faststalldForvarvsinkomst.description),
          ("grundavdrag", tax.grundavdrag.description),
          ("beskattningsbarInkomst", tax.beskattningsbarInkomst.description),
          ("kommunalskatt", tax.kommunalskatt.description),
          ("regionskatt", tax.regionskatt.description),
          ("statligSkatt", tax.statligSkatt.description),
          ("pensionsavgift", tax.pensionsavgift.description),
          ("publicServiceAvgift", tax.publicServiceAvgift.description),
          ("pensionsavgiftReduktion", tax.pensionsavgiftReduktion.description),
          ("jobbskatteavdrag", tax.jobbskatteavdrag.description),
          ("skattereduktionForvarvsinkomst", tax.skattereduktionForvarvsinkomst.description),
          ("regionalSkattereduktion", tax.regionalSkattereduktion.description),
          ("slutligSkatt", tax.slutligSkatt.description),
        ])
    }
    writer.end()
  }

  // MARK: - Warnings

  static func writeWarnings(_ result: ScenarioResult, to writer: XMLWriter) {
    writer.start("warnings")
    for warning in result.warnings {
      writer.start("warning")
      writer.attribute("severity", warning.severity.rawValue)
      writeLocation(warning.location, to: writer)
      writer.text(warning.message)
      writer.end()
    }
    writer.end()
  }

  static func writeLocation(_ location: SourceLocation, to writer: XMLWriter) {
    writer.attribute("file", location.file)
    if let line = location.line { writer.attribute("line", String(line)) }
    if let column = location.column { writer.attribute("column", String(column)) }
  }

  // MARK: - Provenance and rates

  static func writeProvenance(
    _ result: ScenarioResult, context: ReportContext, to writer: XMLWriter
  ) {
    writer.start("provenance")
    writer.element("samkalkVersion", text: context.samkalkVersion)
    writer.element(
      "scenarioFile", [("path", context.scenarioPath), ("sha256", context.scenarioSHA256)])
    for file in result.rateFiles {
      var attributes = [
        ("path", file.path), ("sha256", file.sha256), ("layer", ReportText.layer(file.layer)),
      ]
      if let encoding = file.encoding { attributes.append(("encoding", encoding)) }
      writer.element("rateFile", attributes)
    }
    writer.end()
  }

  static func writeRates(_ result: ScenarioResult, to writer: XMLWriter) {
    writer.start("rates")
    for used in result.ratesUsed {
      let resolved = used.resolved
      let value = resolved.value
      writer.start("rate")
      writer.attribute("key", value.key.rawValue)
      writer.attribute("value", value.amount.description)
      writer.attribute("unit", value.unit.rawValue)
      writer.attribute("date", resolved.date.description)
      writer.attribute("from", value.from.description)
      if let to = value.to { writer.attribute("to", to.description) }
      writer.attribute("status", value.status.rawValue)
      writer.attribute("layer", ReportText.layer(value.origin.layer))
      writer.attribute("file", used.file)
      if let line = value.origin.location.line { writer.attribute("line", String(line)) }
      writer.element("source", text: value.source.citation)
      if let note = value.note { writer.element("note", text: note) }
      if let extrapolation = resolved.extrapolation {
        var attributes = [
          ("method", extrapolation.method), ("baseDate", extrapolation.baseDate.description),
          ("factor", ReportText.share(extrapolation.factor)),
        ]
        if let number = resolved.number { attributes.append(("value", ReportText.share(number))) }
        writer.element("extrapolation", attributes)
      }
      writer.end()
    }
    writer.end()
  }

  // MARK: - Facts and assumptions

  static func writeInputs(_ result: ScenarioResult, to writer: XMLWriter) {
    let inputs = result.scenario.inputs
    writer.start("inputs")
    for (name, list) in [
      ("facts", inputs.filter { !$0.source.isAssumption }),
      ("assumptions", inputs.filter(\.source.isAssumption)),
    ] {
      writer.start(name)
      for input in list {
        writer.start("input")
        writer.attribute("path", input.path)
        writer.attribute("value", input.value)
        if let location = input.location { writeLocation(location, to: writer) }
        writer.text(input.source.text)
        writer.end()
      }
      writer.end()
    }
    writer.end()
  }
}

extension XMLWriter {
  /// Writes an element with attributes in the given order and optional text.
  func element(_ name: String, _ attributes: [(String, String)], text: String? = nil) {
    start(name)
    for (key, value) in attributes { attribute(key, value) }
    if let text { self.text(text) }
    end()
  }
}
