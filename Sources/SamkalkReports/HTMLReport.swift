import SamkalkCore
import SamkalkEngine
import SamkalkRates

/// What a section of an HTML page needs: the writer and the language's labels and numbers.
public struct HTMLContext: Sendable {
  public var strings: ReportStrings
  public var numbers: HumanNumber

  public init(language: ReportLanguage) {
    strings = ReportStrings(language)
    numbers = HumanNumber(language)
  }

  public var language: ReportLanguage { strings.language }
}

/// One section of an HTML report. The run and comparison reports are lists of sections; the
/// sensitivity (tornado) and uncertainty (Monte Carlo histogram, P(payback)) reports add their own
/// sections by conforming to this protocol and passing them to ``HTMLPage/render(title:language:sections:)``.
public protocol HTMLSection {
  func write(to html: HTMLWriter, context: HTMLContext)
}

/// A self-contained HTML page: inline CSS (screen and A4 print), no scripts, no external resources.
public enum HTMLPage {
  /// Dark text on white; chart colours come from ``ChartPalette``. No `>`, `&`, `<` or `"` in
  /// the CSS (the writer escapes them in text).
  static let css = """
    @page { size: A4; margin: 18mm 15mm; }
    body { font-family: system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif; color: #1a1a1a; background: #ffffff; max-width: 60rem; margin: 0 auto; padding: 1rem; line-height: 1.45; }
    h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
    h2 { font-size: 1.25rem; border-bottom: 1px solid #767676; margin-top: 2rem; }
    p.meta { color: #333333; }
    p.lead { font-size: 1.1rem; }
    table { border-collapse: collapse; margin: 0.6rem 0 1.2rem; font-size: 0.9rem; }
    caption { text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
    th, td { border: 1px solid #b0b0b0; padding: 0.2rem 0.5rem; vertical-align: top; }
    thead th { background: #eeeeee; }
    tbody th { text-align: left; font-weight: normal; }
    .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
    thead th.num { white-space: normal; }
    #tornado-table tbody th, #switching-table tbody th, #parameters-table tbody th { overflow-wrap: anywhere; min-width: 9rem; }
    figure { margin: 0.5rem 0; }
    svg.chart { max-width: 100%; height: auto; font-size: 11px; }
    svg .grid { stroke: #dddddd; stroke-width: 1; }
    svg .axis { stroke: #1a1a1a; stroke-width: 1.2; }
    svg .tick, svg .barlabel, svg .group, svg .rowlabel, svg .value, svg .linelabel { fill: #1a1a1a; }
    svg .linelabel { font-weight: 600; }
    svg .curve { fill: none; stroke-width: 2; }
    svg .mandate { fill: #f0f0f0; }
    svg .mandateline { stroke: #555555; stroke-dasharray: 4 3; }
    svg .marker { stroke: #1a1a1a; stroke-width: 2; stroke-dasharray: 5 3; }
    h3 { font-size: 1.05rem; margin-top: 1.4rem; }
    p.note { font-size: 0.85rem; color: #333333; }
    footer { margin-top: 2rem; font-size: 0.8rem; color: #333333; }
    @media print {
      body { max-width: none; padding: 0; font-size: 10pt; }
      table { font-size: 7.5pt; }
      h2 { break-after: avoid; }
      figure, table, svg { break-inside: avoid; }
    }
    """

  /// Renders `<!DOCTYPE html>` and an XHTML document with the sections in order.
  public static func render(title: String, language: ReportLanguage, sections: [any HTMLSection]) -> [UInt8] {
    let html = HTMLWriter()
    let context = HTMLContext(language: language)
    html.open("html", [("lang", language.rawValue)], namespace: HTMLWriter.xhtmlNamespace)
    html.open("head")
    html.element("meta", [("charset", "utf-8")])
    html.element("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
    html.element("title", text: title)
    html.element("style", text: css)
    html.close()
    html.open("body")
    html.open("main")
    for section in sections { section.write(to: html, context: context) }
    html.close()
    html.close()
    html.close()
    return html.finish()
  }
}

/// The HTML report of one run: summary, charts with their tables, adjustments, subgroups,
/// break-even, verkningsgrad, ESF goals, assumptions, rates, warnings and provenance.
public enum HTMLReport {
  public static func render(
    _ result: ScenarioResult, context: ReportContext, language: ReportLanguage = .sv, goals: [Goal] = [],
    extraSections: [any HTMLSection] = []
  ) -> [UInt8] {
    HTMLPage.render(
      title: result.scenario.title, language: language,
      sections: sections(result, context: context, goals: goals) + extraSections)
  }

  /// The run report's sections, in order; a section with nothing to show writes nothing.
  public static func sections(_ result: ScenarioResult, context: ReportContext, goals: [Goal] = []) -> [any HTMLSection]
  {
    [
      RunHeaderSection(result: result), RunSummarySection(result: result), YearlyChangeSection(result: result),
      PaybackSection(result: result), AdjustmentSection(result: result), SubgroupSection(result: result),
      BreakEvenSection(result: result), VerkningsgradSection(result: result), GoalSection(goals: goals),
      InputsSection(inputs: result.scenario.inputs), RatesSection(rates: result.ratesUsed),
      WarningsSection(warnings: result.warnings, emptyText: .noWarnings),
      ProvenanceSection(context: context, rateFiles: result.rateFiles),
    ]
  }

  /// The three sentences: what it costs and who pays, who gains, when it is paid back.
  public static func summarySentences(_ result: ScenarioResult, language: ReportLanguage) -> [String] {
    let strings = ReportStrings(language)
    let numbers = HumanNumber(language)
    let sv = language == .sv
    let society = result.result(for: .samhallet)
    let actors = result.perspectives.filter { if case .actor = $0.perspective { return true } else { return false } }
    let participants = result.scenario.measure.participants
    let years = result.scenario.horizonYears
    let mandate = result.scenario.mandatePeriodYears

    var sentences: [String] = []
    let payers = actors.filter { $0.totalInvestment > .zero }.sorted { $0.totalInvestment > $1.totalInvestment }
    let cost = society.totalInvestment
    if cost > .zero {
      let perParticipant = participants > 0 ? cost.kronor / Double(participants) : 0
      let list = join(
        payers.map { "\(strings.nameInSentence($0.perspective)) (\(numbers.kronor($0.totalInvestment)))" }, sv)
      sentences.append(
        sv
          ? "Insatsen kostar \(numbers.kronor(cost)) för \(participants) deltagare (\(numbers.kronor(perParticipant)) per deltagare) och betalas av \(list)."
          : "The measure costs \(numbers.kronor(cost)) for \(participants) participants (\(numbers.kronor(perParticipant)) per participant) and is paid by \(list)."
      )
    } else {
      sentences.append(
        sv
          ? "Insatsen har ingen redovisad kostnad för de \(participants) deltagarna."
          : "The measure has no reported cost for its \(participants) participants.")
    }

    let gainers = actors.filter { $0.npv >= 0.5 }.sorted { $0.npv > $1.npv }.prefix(3)
    let losers = actors.filter { $0.npv <= -0.5 }.sorted { $0.npv < $1.npv }
    let gainText = join(gainers.map { "\(strings.nameInSentence($0.perspective)) (\(numbers.kronor($0.npv)))" }, sv)
    let loseText = join(losers.map { "\(strings.nameInSentence($0.perspective)) (\(numbers.kronor($0.npv)))" }, sv)
    var second: String
    if gainers.isEmpty {
      second =
        sv ? "Ingen aktör vinner i nuvärde över \(years) år" : "No actor gains in present value over \(years) years"
    } else {
      second =
        sv
        ? "Mest vinner \(gainText) i nuvärde över \(years) år"
        : "Those who gain most in present value over \(years) years are \(gainText)"
    }
    if !losers.isEmpty { second += sv ? ", medan \(loseText) förlorar" : ", while \(loseText) lose" }
    second +=
      sv
      ? "; samhällets nettonuvärde är \(numbers.kronor(society.npv))."
      : "; society's net present value is \(numbers.kronor(society.npv))."
    sentences.append(second)

    let within = society.paysBackWithin(years: mandate)
    let withinActors = actors.filter { $0.totalInvestment > .zero && $0.paysBackWithin(years: mandate) }
    var third: String
    switch society.payback {
    case .month(0):
      third = sv ? "För samhället blir kalkylen aldrig negativ" : "For society the cumulative net is never negative"
    case .month(let month):
      third =
        sv
        ? "För samhället är insatsen återbetald i månad \(month), \(within ? "inom" : "efter") mandatperioden på \(mandate) år"
        : "For society the measure is paid back in month \(month), \(within ? "within" : "after") the \(mandate)-year mandate period"
    case .notWithinHorizon:
      third =
        sv
        ? "För samhället är insatsen inte återbetald inom horisonten på \(years) år"
        : "For society the measure is not paid back within the \(years)-year horizon"
    }
    if !payers.isEmpty {
      if withinActors.isEmpty {
        third +=
          sv
          ? ", och ingen betalande aktör får tillbaka sin del inom mandatperioden."
          : ", and no paying actor recovers its share within the mandate period."
      } else {
        let list = join(withinActors.map { strings.nameInSentence($0.perspective) }, sv)
        third +=
          sv
          ? "; inom mandatperioden får \(list) tillbaka sin del."
          : "; within the mandate period \(list) recover their share."
      }
    } else {
      third += "."
    }
    sentences.append(third)
    return sentences
  }

  /// `a`, `a och b`, `a, b och c` (`and` in English).
  static func join(_ items: [String], _ swedish: Bool) -> String {
    guard items.count > 1 else { return items.joined() }
    return items.dropLast().joined(separator: ", ") + (swedish ? " och " : " and ") + items.last!
  }

  static func isActor(_ perspective: Perspective) -> Bool {
    if case .actor = perspective { return true }
    return false
  }
}

// MARK: - Run sections

struct RunHeaderSection: HTMLSection {
  var result: ScenarioResult

  func write(to html: HTMLWriter, context: HTMLContext) {
    let s = context.strings
    let n = context.numbers
    let scenario = result.scenario
    html.open("header")
    html.element("p", [("class", "meta")], text: s[.reportTitle])
    html.element("h1", text: scenario.title)
    if let summary = scenario.summary { html.element("p", text: summary) }
    let parts = [
      "\(scenario.measure.participants) \(s[.participants])",
      "\(s[.horizon]) \(scenario.horizonYears) \(s[.years])",
      "\(s[.discountRate]) \(n.percent(result.discountRate))",
      "\(s[.mandatePeriod]) \(scenario.mandatePeriodYears) \(s[.years])",
      "\(result.municipality.name) (\(result.municipality.code))",
      "\(s[.ratesDate]) \(scenario.ratesDate.description)",
    ]
    html.element("p", [("class", "meta")], text: parts.joined(separator: " · "))
    html.close()
  }
}

struct RunSummarySection: HTMLSection {
  var result: ScenarioResult

  func write(to html: HTMLWriter, context: HTMLContext) {
    html.open("section", [("id", "summary")])
    html.element("h2", text: context.strings[.summary])
    html.element(
      "p", [("class", "lead")],
      text: HTMLReport.summarySentences(result, language: context.language).joined(separator: " "))
    let s = context.strings
    let n = context.numbers
    let mandate = result.scenario.mandatePeriodYears
    html.table(
      caption: s[.summary],
      header: [
        s[.perspective], s[.investment] + " (kr)", s[.netEffect] + " (kr)", s[.netTotal] + " (kr)", s[.npv] + " (kr)",
        s[.bcr], s[.paybackMonth], s[.withinMandate] + " (\(mandate) \(s[.years]))",
      ],
      rows: result.perspectives.map { p in
        [
          s.name(p.perspective), n.integer(p.totalInvestment), n.integer(p.totalEffect), n.integer(p.totalNet),
          n.integer(p.npv), p.benefitCostRatio.map { n.decimal($0) } ?? "–", s.payback(p.payback),
          p.paysBackWithin(years: mandate) ? s[.yes] : s[.no],
        ]
      }, numeric: [1, 2, 3, 4, 5], id: "summary-table")
    html.close()
  }
}

struct YearlyChangeSection: HTMLSection {
  var result: ScenarioResult

  func write(to html: HTMLWriter, context: HTMLContext) {
    let s = context.strings
    let n = context.numbers
    let actors = result.perspectives.filter { HTMLReport.isActor($0.perspective) }
    let years = max(result.scenario.horizonYears, 1)
    html.open("section", [("id", "yearly")])
    html.element("h2", text: s[.yearlyChange])
    html.open("figure")
    GroupedBarChart(
      id: "chart-yearly", title: s[.yearlyChange], description: s[.yearlyChangeDesc],
      groups: (1...years).map { year in
        GroupedBarChart.Group(
          label: "\(s[.year]) \(year)",
          bars: actors.enumerated().map { index, actor in
            GroupedBarChart.Bar(
              label: s.shortName(actor.perspective),
              value: actor.years.first { $0.year == year }?.change.kronor ?? 0, color: index)
          })
      }, numbers: n
    ).write(to: html)
    html.element("figcaption", text: s[.yearlyChangeDesc])
    html.close()
    html.table(
      caption: "\(s[.chartTable]): \(s[.yearlyChange]) (kr)",
      header: [s[.perspective]] + (1...years).map { "\(s[.year]) \($0)" },
      rows: result.perspectives.map { p in
        ["\(s.name(p.perspective)) (\(s.shortName(p.perspective)))"]
          + (1...years).map { year in p.years.first { $0.year == year }.map { n.integer($0.change) } ?? "–" }
      }, numeric: Set(1...years), id: "yearly-table")
    html.close()
  }
}

struct PaybackSection: HTMLSection {
  var result: ScenarioResult

  /// The curves drawn: the seven actors and society.
  static func curves(_ result: ScenarioResult) -> [PerspectiveResult] {
    result.perspectives.filter { $0.perspective != .offentligSektor }
  }

  func write(to html: HTMLWriter, context: HTMLContext) {
    let s = context.strings
    let n = context.numbers
    let shown = Self.curves(result)
    let months = result.scenario.horizonYears * 12
    let mandate = result.scenario.mandatePeriodYears
    html.open("section", [("id", "payback")])
    html.element("h2", text: s[.payback])
    html.open("figure")
    CumulativeLineChart(
      id: "chart-payback", title: "\(s[.cumulativeNet]) (kr)", description: s[.paybackDesc],
      series: shown.enumerated().map { index, p in
        var cumulative = Money.zero
        let values =
          [0.0]
          + p.monthlyNet.map { net in
            cumulative += net
            return cumulative.kronor
          }
        let color = p.perspective == .samhallet ? ChartPalette.colors.count - 1 : index
        return CumulativeLineChart.Series(label: s.shortName(p.perspective), values: values, color: color)
      }, months: months, shadedMonths: mandate * 12, shadedLabel: "\(s[.mandatePeriodMark]) \(mandate) \(s[.years])",
      monthLabel: s[.month], numbers: n
    ).write(to: html)
    html.element("figcaption", text: s[.paybackDesc])
    html.close()
    let years = max(result.scenario.horizonYears, 1)
    html.table(
      caption: "\(s[.chartTable]): \(s[.cumulativeNet]) (kr)",
      header: [s[.perspective], s[.paybackMonth], s[.withinMandate], s[.simplePayback], s[.effectAfterExit] + " (kr)"]
        + (1...years).map { "\(s[.year]) \($0)" },
      rows: shown.map { p in
        [
          "\(s.name(p.perspective)) (\(s.shortName(p.perspective)))", s.payback(p.payback),
          p.paysBackWithin(years: mandate) ? s[.yes] : s[.no],
          p.simplePaybackYears.map { n.decimal($0) } ?? "–", n.integer(p.effectFirstYearAfterExit),
        ]
          + (1...years).map { year in p.years.first { $0.year == year }.map { n.integer($0.cumulative) } ?? "–" }
      }, numeric: Set(3..<(5 + years)), id: "payback-table")
    html.close()
  }
}

struct AdjustmentSection: HTMLSection {
  var result: ScenarioResult

  func write(to html: HTMLWriter, context: HTMLContext) {
    guard !result.scenario.adjustments.isNone else { return }
    let s = context.strings
    let n = context.numbers
    let a = result.scenario.adjustments
    html.open("section", [("id", "adjustments")])
    html.element("h2", text: s[.adjustments])
    let listed: [Double] = [
      a.deadweight, a.attribution, a.displacement, a.dropOff, a.optimismBias, a.optimismBiasBenefits,
    ]
    let names =
      context.language == .sv
      ? [
        "dödvikt", "attribution", "undanträngning", "avtagande per år", "optimismtillägg på kostnaderna",
        "optimismavdrag på nyttorna",
      ]
      : [
        "deadweight", "attribution", "displacement", "drop-off per year", "optimism bias on costs",
        "optimism bias on benefits",
      ]
    var parts = zip(names, listed).filter { $0.1 != 0 }.map { "\($0.0) \(n.percent($0.1))" }
    if a.optimismBiasDelayMonths != 0 {
      parts.append(
        context.language == .sv
          ? "nyttorna försenade \(a.optimismBiasDelayMonths) månader"
          : "benefits delayed by \(a.optimismBiasDelayMonths) months")
    }
    html.element("p", text: parts.joined(separator: ", "))
    let steps: [(String, KeyPath<YearFigures, Money>)] = [
      (s[.gross], \.change), (s[.afterDeadweight], \.afterDeadweight), (s[.afterAttribution], \.afterAttribution),
      (s[.afterDisplacement], \.afterDisplacement), (s[.netEffect], \.effect),
      (s[.investmentBeforeUplift], \.investmentBeforeUplift), (s[.investment], \.investment),
    ]
    func total(_ p: PerspectiveResult, _ step: KeyPath<YearFigures, Money>) -> Money {
      p.years.reduce(.zero) { $0 + $1[keyPath: step] }
    }
    let society = result.result(for: .samhallet)
    html.open("figure")
    HorizontalBarChart(
      id: "chart-adjustments", title: s[.adjustments], description: s[.adjustmentsDesc],
      rows: steps.enumerated().map { index, step in
        HorizontalBarChart.Row(label: step.0, value: total(society, step.1).kronor, color: index < 5 ? 0 : 1)
      }, numbers: n
    ).write(to: html)
    html.element("figcaption", text: s[.adjustmentsDesc])
    html.close()
    html.table(
      caption: "\(s[.chartTable]): \(s[.adjustments]) (kr)", header: [s[.perspective]] + steps.map(\.0),
      rows: result.perspectives.map { p in [s.name(p.perspective)] + steps.map { n.integer(total(p, $0.1)) } },
      numeric: Set(1...steps.count), id: "adjustments-table")
    html.close()
  }
}

struct SubgroupSection: HTMLSection {
  var result: ScenarioResult

  func write(to html: HTMLWriter, context: HTMLContext) {
    guard !result.subgroups.isEmpty else { return }
    let s = context.strings
    let n = context.numbers
    func row(_ name: String, _ participants: Double, _ npv: Double) -> [String] {
      [name, n.persons(participants), n.integer(npv), participants > 0 ? n.integer(npv / participants) : "–"]
    }
    var rows: [[String]] = []
    for subgroup in result.subgroups {
      rows.append(row(s.subgroup(subgroup.subgroup), subgroup.participants, subgroup.result(for: .samhallet).npv))
    }
    for sex in Sex.allCases {
      let members = result.subgroups.filter { $0.subgroup.sex == sex }
      guard members.count > 1 || (members.count == 1 && members[0].subgroup.ageBand != nil) else { continue }
      rows.append(
        row(
          sex == .kvinna ? s[.women] : s[.men], members.reduce(0) { $0 + $1.participants },
          members.reduce(0) { $0 + $1.result(for: .samhallet).npv }))
    }
    rows.append(
      row(s[.total], Double(result.scenario.measure.participants), result.result(for: .samhallet).npv))
    html.open("section", [("id", "subgroups")])
    html.element("h2", text: s[.subgroups])
    html.table(
      caption: "\(s[.subgroups]): \(s.name(.samhallet))",
      header: [s[.subgroups], s[.participants], s[.npv] + " (kr)", s[.npvPerParticipant] + " (kr)"], rows: rows,
      numeric: [1, 2, 3], id: "subgroups-table")
    html.close()
  }
}

struct BreakEvenSection: HTMLSection {
  var result: ScenarioResult

  func write(to html: HTMLWriter, context: HTMLContext) {
    guard let analysis = result.breakEven else { return }
    let s = context.strings
    let n = context.numbers
    html.open("section", [("id", "break-even")])
    html.element("h2", text: s[.breakEven])
    html.element("p", text: "\(s[.breakEvenDesc]) (\(analysis.outcome), \(analysis.years) \(s[.years])).")
    let rows: [[String]] = Perspective.all.compactMap { perspective in
      guard let share = analysis.shares[perspective] else { return nil }
      let text: String =
        switch share {
        case .share(let value): "\(n.percent(value, decimals: 1)) \(s[.ofParticipants])"
        case .noInvestment: s[.noInvestment]
        case .notReachable(let value): "\(s[.notReachable]) (\(n.percent(value, decimals: 1)))"
        case .never: s[.never]
        }
      return [s.name(perspective), text]
    }
    html.table(caption: s[.breakEven], header: [s[.perspective], s[.breakEven]], rows: rows, id: "break-even-table")
    html.close()
  }
}

struct VerkningsgradSection: HTMLSection {
  var result: ScenarioResult

  func write(to html: HTMLWriter, context: HTMLContext) {
    guard let v = result.verkningsgrad else { return }
    let s = context.strings
    let n = context.numbers
    html.open("section", [("id", "verkningsgrad")])
    html.element("h2", text: s[.verkningsgrad])
    html.table(
      caption: s[.verkningsgrad], header: [s[.verkningsgrad], s[.value]],
      rows: [
        [s[.verkningsgrad], n.percent(v.ratio)], [s[.realisedPerYear], n.kronor(v.realisedPerYear)],
        [s[.potentialPerYear], n.kronor(v.potentialPerYear)],
        [s[.potentialProduction], n.kronor(v.potentialProductionPerYear)],
        [s[.potentialResourceUse], n.kronor(v.potentialResourceUsePerYear)],
        [s[.potentialWage], n.kronor(v.potentialWage)],
      ], numeric: [1], id: "verkningsgrad-table")
    html.close()
  }
}

struct InputsSection: HTMLSection {
  var inputs: [ScenarioInput]

  func write(to html: HTMLWriter, context: HTMLContext) {
    let s = context.strings
    html.open("section", [("id", "inputs")])
    html.element("h2", text: "\(s[.assumptions]) · \(s[.facts])")
    let assumptions = inputs.filter(\.source.isAssumption)
    let facts = inputs.filter { !$0.source.isAssumption }
    html.table(
      caption: s[.assumptions], header: [s[.path], s[.value], s[.source], s[.location]],
      rows: assumptions.map { [$0.path, $0.value, $0.source.text, $0.location?.description ?? "–"] },
      id: "assumptions-table")
    html.table(
      caption: s[.facts], header: [s[.path], s[.value], s[.source], s[.location]],
      rows: facts.map { [$0.path, $0.value, $0.source.text, $0.location?.description ?? "–"] }, id: "facts-table")
    html.close()
  }
}

struct RatesSection: HTMLSection {
  var rates: [UsedRate]

  func write(to html: HTMLWriter, context: HTMLContext) {
    let s = context.strings
    html.open("section", [("id", "rates")])
    html.element("h2", text: s[.rates])
    html.table(
      caption: s[.rates], header: [s[.key], s[.value], s[.unit], s[.status], s[.source], s[.from], s[.location]],
      rows: rates.map { rate in
        let value = rate.resolved.value
        var shown = value.amount.description
        if let extrapolation = rate.resolved.extrapolation, let number = rate.resolved.number {
          shown += " → \(DecimalText.trimmed(number)) (\(extrapolation.method))"
        }
        let period = value.from.description + (value.to.map { "–\($0.description)" } ?? "–")
        var location = value.origin.location.description
        if value.origin.layer != .shipped { location += " (\(value.origin.layer.description))" }
        return [
          rate.key.rawValue, shown, value.unit.rawValue, value.status.rawValue, value.source.citation, period, location,
        ]
      }, id: "rates-table")
    html.close()
  }
}

struct WarningsSection: HTMLSection {
  var warnings: [Diagnostic]
  var emptyText: ReportStrings.Label

  func write(to html: HTMLWriter, context: HTMLContext) {
    html.open("section", [("id", "warnings")])
    html.element("h2", text: context.strings[.warnings])
    if warnings.isEmpty {
      html.element("p", text: context.strings[emptyText])
    } else {
      html.open("ul")
      for warning in warnings { html.element("li", text: warning.description) }
      html.close()
    }
    html.close()
  }
}

/// The footer of every page: the samkalk version, the scenario file and the rate files with
/// their SHA-256, and any `extra` lines (a follow-up study's data file).
struct ProvenanceSection: HTMLSection {
  var context: ReportContext?
  var rateFiles: [RateFile]
  var version: String?
  var extra: [String] = []

  func write(to html: HTMLWriter, context page: HTMLContext) {
    let s = page.strings
    html.open("footer", [("id", "provenance")])
    html.element("h2", text: s[.provenance])
    html.open("ul")
    html.element("li", text: "\(s[.samkalkVersion]): \(context?.samkalkVersion ?? version ?? "–")")
    if let context {
      html.element("li", text: "\(s[.scenarioFile]): \(context.scenarioPath) (\(s[.sha256]) \(context.scenarioSHA256))")
    }
    for file in rateFiles {
      html.element("li", text: "\(file.path) (\(ReportText.layer(file.layer)), \(s[.sha256]) \(file.sha256))")
    }
    for item in extra { html.element("li", text: item) }
    html.close()
    html.close()
  }
}
