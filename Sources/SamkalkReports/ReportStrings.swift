import SamkalkCore
import SamkalkEngine

/// Every label of the human-readable reports in Swedish and English.
///
/// A label is a case of ``Label``; ``table`` holds its two forms, and a test checks that every
/// case has both. Sentences with figures are built by the writers from these parts.
public struct ReportStrings: Sendable {
  public var language: ReportLanguage

  public init(_ language: ReportLanguage) { self.language = language }

  public enum Label: String, CaseIterable, Sendable {
    case reportTitle, summary, participants, horizon, years, discountRate, mandatePeriod, municipality
    case ratesDate, yearlyChange, yearlyChangeDesc, year, perspective, actor, payback, paybackDesc
    case cumulativeNet, month, mandatePeriodMark, adjustments, adjustmentsDesc, step, gross, afterDeadweight
    case afterAttribution, afterDisplacement, netEffect, investmentBeforeUplift, investment, subgroups, women
    case men, total, notStated, npv, npvPerParticipant, breakEven, breakEvenDesc, verkningsgrad
    case realisedPerYear, potentialPerYear, potentialWage, potentialProduction, potentialResourceUse, assumptions,
      facts, path, value, source, location
    case rates, key, unit, status, from, to, layer, note, warnings, noWarnings, provenance, samkalkVersion
    case scenarioFile, sha256, netTotal, bcr, roi, paybackMonth, withinMandate, yes, no, immediately
    case simplePayback, effectAfterExit
    case notWithinHorizon, noInvestment, notReachable, never, ofParticipants, comparisonTitle, ranking, rank
    case measure, societyNPV, comparisonChartDesc, comparabilityWarnings, noComparabilityWarnings, goals
    case goal, sex, expected, actual, deviation, targetShare, effect, kind, fact, assumption, chartTable
    case rateValue, sensitivity, uncertainty, inMonth, kr, change, before, after, presentValue, firstMonth
    case lastMonth, actorName, text
    // Sensitivity, uncertainty and follow-up reports (forms in ReportStrings+Analysis.swift).
    case parameter, baseValue, lowValue, highValue, npvLow, npvHigh, swing, switchingValue, noneInRange, noneInRangeNote
    case range, rangeSource, relativeRange, scenarioRange, baseNPV, tornado, tornadoDesc, switchingValues
    case parametersVaried, draws, seed, mandateMonths, deterministicNPV, meanNPV, standardDeviation, p5, p50, p95
    case minimum, maximum, probabilityPositive, probabilityPaybackMandate, probabilityPaybackHorizon
    case histogram, histogramDesc, paybackProbabilityDesc, distribution, sampleMean, mean, binFrom, binTo
    case paybackByYear, paybackYear, paybackMonthPercentiles, followupTitle, followupFile, windowBefore
    case windowAfter, groupSize, bootstrap, noBootstrap, persons, personsRead, personsIncluded, personsPartial
    case personsExcluded, exclusionReason, scaledChange, changePerParticipant, interval, followupChartDesc
    case followupSubgroupDesc, skippedLines, results, subgroup, rows, encoding, bytes, monthsUnit
  }

  /// Swedish and English forms of each label.
  static let table: [Label: (sv: String, en: String)] = [
    .reportTitle: ("Samhällsekonomisk kalkyl", "Socio-economic cost-benefit analysis"),
    .summary: ("Sammanfattning", "Summary"),
    .participants: ("deltagare", "participants"),
    .horizon: ("horisont", "horizon"),
    .years: ("år", "years"),
    .discountRate: ("kalkylränta", "discount rate"),
    .mandatePeriod: ("mandatperiod", "mandate period"),
    .municipality: ("kommun", "municipality"),
    .ratesDate: ("kalkylvärden per", "rates as of"),
    .yearlyChange: ("Förändring per aktör och år", "Change per actor and year"),
    .yearlyChangeDesc: (
      "Staplar: bruttoförändringen (efter − före) för varje aktör och år, i kronor.",
      "Bars: the gross change (after − before) for each actor and year, in kronor."
    ),
    .year: ("År", "Year"),
    .perspective: ("Perspektiv", "Perspective"),
    .actor: ("Aktör", "Actor"),
    .payback: ("Återbetalning", "Payback"),
    .paybackDesc: (
      "Linjer: kumulativt netto (effekt − investering) månad för månad för varje aktör och samhället; "
        + "den skuggade delen är mandatperioden.",
      "Lines: the cumulative net (effect − investment) month by month for each actor and society; "
        + "the shaded part is the mandate period."
    ),
    .cumulativeNet: ("Kumulativt netto", "Cumulative net"),
    .month: ("Månad", "Month"),
    .mandatePeriodMark: ("Mandatperiod", "Mandate period"),
    .adjustments: ("Från brutto- till nettoeffekt", "From gross to net effect"),
    .adjustmentsDesc: (
      "Justeringarna steg för steg för samhället över hela horisonten, i kronor.",
      "The adjustments step by step for society over the whole horizon, in kronor."
    ),
    .step: ("Steg", "Step"),
    .gross: ("Bruttoeffekt", "Gross effect"),
    .afterDeadweight: ("Efter dödvikt", "After deadweight"),
    .afterAttribution: ("Efter attribution", "After attribution"),
    .afterDisplacement: ("Efter undanträngning", "After displacement"),
    .netEffect: ("Nettoeffekt", "Net effect"),
    .investmentBeforeUplift: ("Investering före optimismtillägg", "Investment before optimism bias"),
    .investment: ("Investering", "Investment"),
    .subgroups: ("Per delgrupp", "By subgroup"),
    .women: ("Kvinnor", "Women"),
    .men: ("Män", "Men"),
    .total: ("Totalt", "Total"),
    .notStated: ("Ej angivet", "Not stated"),
    .npv: ("Nuvärde", "Net present value"),
    .npvPerParticipant: ("Nuvärde per deltagare", "NPV per participant"),
    .breakEven: ("Brytpunkt", "Break-even"),
    .breakEvenDesc: (
      "Minsta andel deltagare som måste nå utfallet för att nuvärdet ska bli minst noll",
      "The smallest share of participants who must reach the outcome for the NPV to be at least zero"
    ),
    .verkningsgrad: ("Verkningsgrad", "Efficiency (verkningsgrad)"),
    .realisedPerYear: (
      "Realiserad effekt per år (tolv månader efter avslutad insats)",
      "Realised effect per year (twelve months after exit)"
    ),
    .potentialPerYear: ("Potentiell effekt per år", "Potential effect per year"),
    .potentialProduction: ("varav produktion vid heltidsarbete", "of which production in full-time work"),
    .potentialResourceUse: (
      "varav resursförbrukning i jämförelsealternativet", "of which resource use in the comparison basis"
    ),
    .potentialWage: ("Månadslön", "Monthly wage"),
    .assumptions: ("Antaganden", "Assumptions"),
    .facts: ("Uppgifter ur källor", "Facts from sources"),
    .path: ("Indata", "Input"),
    .value: ("Värde", "Value"),
    .source: ("Källa", "Source"),
    .location: ("Plats", "Location"),
    .rates: ("Kalkylvärden", "Rates used"),
    .key: ("Parameter", "Parameter"),
    .unit: ("Enhet", "Unit"),
    .status: ("Status", "Status"),
    .from: ("Från", "From"),
    .to: ("Till", "To"),
    .layer: ("Lager", "Layer"),
    .note: ("Not", "Note"),
    .warnings: ("Varningar", "Warnings"),
    .noWarnings: ("Inga varningar.", "No warnings."),
    .provenance: ("Ursprung", "Provenance"),
    .samkalkVersion: ("samkalk-version", "samkalk version"),
    .scenarioFile: ("Scenariofil", "Scenario file"),
    .sha256: ("SHA-256", "SHA-256"),
    .netTotal: ("Netto totalt", "Total net"),
    .bcr: ("N/K", "BCR"),
    .roi: ("Avkastning", "ROI"),
    .paybackMonth: ("Återbetalning", "Payback"),
    .withinMandate: ("Inom mandatperioden", "Within the mandate period"),
    .simplePayback: ("Enkel återbetalningstid (år)", "Simple payback (years)"),
    .effectAfterExit: ("Nettoeffekt tolv månader efter avslutad insats", "Net effect in the twelve months after exit"),
    .yes: ("ja", "yes"),
    .no: ("nej", "no"),
    .immediately: ("direkt", "immediately"),
    .notWithinHorizon: ("ej inom horisonten", "not within the horizon"),
    .noInvestment: ("ingen investering", "no investment"),
    .notReachable: ("ej nåbar", "not reachable"),
    .never: ("aldrig", "never"),
    .ofParticipants: ("av deltagarna", "of the participants"),
    .comparisonTitle: ("Jämförelse av insatser", "Comparison of measures"),
    .ranking: ("Rangordning", "Ranking"),
    .rank: ("Rang", "Rank"),
    .measure: ("Insats", "Measure"),
    .societyNPV: ("Samhällets nuvärde", "Society's NPV"),
    .comparisonChartDesc: (
      "Staplar: samhällets nettonuvärde för varje insats, i kronor, i rangordning.",
      "Bars: society's net present value for each measure, in kronor, in rank order."
    ),
    .comparabilityWarnings: ("Varningar om jämförbarhet", "Comparability warnings"),
    .noComparabilityWarnings: ("Inga varningar om jämförbarhet.", "No comparability warnings."),
    .goals: ("Uppföljning av mål (ESF)", "Follow-up of goals (ESF)"),
    .goal: ("Mål", "Goal"),
    .sex: ("Kön", "Sex"),
    .expected: ("Förväntat", "Expected"),
    .actual: ("Utfall", "Actual"),
    .deviation: ("Avvikelse", "Deviation"),
    .targetShare: ("Målandel", "Target share"),
    .effect: ("Effekt", "Effect"),
    .kind: ("Slag", "Kind"),
    .fact: ("uppgift", "fact"),
    .assumption: ("antagande", "assumption"),
    .chartTable: ("Diagrammets siffror", "The chart's figures"),
    .rateValue: ("Värde", "Value"),
    .sensitivity: ("Känslighetsanalys", "Sensitivity analysis"),
    .uncertainty: ("Osäkerhetsanalys", "Uncertainty analysis"),
    .inMonth: ("månad", "month"),
    .kr: ("kr", "kr"),
    .change: ("Förändring", "Change"),
    .before: ("Före", "Before"),
    .after: ("Efter", "After"),
    .presentValue: ("Nuvärde", "Present value"),
    .firstMonth: ("Första månad", "First month"),
    .lastMonth: ("Sista månad", "Last month"),
    .actorName: ("Namn", "Name"),
    .text: ("Text", "Text"),
  ]

  /// The Swedish and English forms of a label, `nil` when the table lacks it.
  public static func forms(_ label: Label) -> (sv: String, en: String)? { table[label] ?? analysisTable[label] }

  public subscript(_ label: Label) -> String {
    guard let entry = Self.forms(label) else { return label.rawValue }
    return language == .sv ? entry.sv : entry.en
  }

  /// The perspective's name in the report's language.
  public func name(_ perspective: Perspective) -> String {
    guard language == .en else { return perspective.swedishName }
    switch perspective {
    case .actor(let actor):
      switch actor {
      case .individ: return "Individual"
      case .kommun: return "Municipality"
      case .region: return "Region"
      case .forsakringskassan: return "Social Insurance Agency"
      case .arbetsformedlingen: return "Public Employment Service"
      case .staten: return "State (other)"
      case .arbetsgivare: return "Employer"
      }
    case .offentligSektor: return "Public sector"
    case .samhallet: return "Society"
    }
  }

  /// The name inside a sentence: `kommunen`, `Försäkringskassan`, `the municipality`.
  public func nameInSentence(_ perspective: Perspective) -> String {
    let name = self.name(perspective)
    switch perspective {
    case .actor(.forsakringskassan), .actor(.arbetsformedlingen):
      return language == .sv ? name : "the " + name
    default:
      return language == .sv ? name.prefix(1).lowercased() + name.dropFirst() : "the " + name.lowercased()
    }
  }

  /// A short name for chart labels (at most five characters).
  public func shortName(_ perspective: Perspective) -> String {
    switch perspective {
    case .actor(let actor):
      switch actor {
      case .individ: return language == .sv ? "Ind" : "Ind"
      case .kommun: return language == .sv ? "Kom" : "Mun"
      case .region: return "Reg"
      case .forsakringskassan: return language == .sv ? "FK" : "SIA"
      case .arbetsformedlingen: return language == .sv ? "AF" : "PES"
      case .staten: return language == .sv ? "Stat" : "State"
      case .arbetsgivare: return language == .sv ? "AG" : "Emp"
      }
    case .offentligSektor: return language == .sv ? "Off" : "Pub"
    case .samhallet: return language == .sv ? "Sam" : "Soc"
    }
  }

  /// `månad 14`, `direkt`, `ej inom horisonten`.
  public func payback(_ payback: Payback) -> String {
    switch payback {
    case .month(0): self[.immediately]
    case .month(let month): "\(self[.inMonth]) \(month)"
    case .notWithinHorizon: self[.notWithinHorizon]
    }
  }

  /// A subgroup's name: `Kvinnor`, `Män 18-29 år`, `Ej angivet`.
  public func subgroup(_ subgroup: Subgroup) -> String {
    let sex =
      switch subgroup.sex {
      case .kvinna: self[.women]
      case .man: self[.men]
      case nil: subgroup.ageBand == nil ? self[.notStated] : ""
      }
    guard let band = subgroup.ageBand else { return sex }
    let years = self[.years]
    return sex.isEmpty ? "\(band) \(years)" : "\(sex) \(band) \(years)"
  }
}
