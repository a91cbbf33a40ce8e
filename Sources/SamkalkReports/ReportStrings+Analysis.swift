import SamkalkMicrodata

extension ReportStrings {
  /// Swedish and English forms of the labels of the sensitivity, uncertainty and follow-up
  /// reports; kept apart from ``table`` so that each table stays readable.
  static let analysisTable: [Label: (sv: String, en: String)] = [
    .parameter: ("Parameter", "Parameter"),
    .baseValue: ("Basvärde", "Base value"),
    .lowValue: ("Lågt värde", "Low value"),
    .highValue: ("Högt värde", "High value"),
    .npvLow: ("Nuvärde vid lågt", "NPV at low"),
    .npvHigh: ("Nuvärde vid högt", "NPV at high"),
    .swing: ("Utslag", "Swing"),
    .switchingValue: ("Brytvärde", "Switching value"),
    .noneInRange: ("inget i intervallet", "none in range"),
    .noneInRangeNote: (
      "– betyder att nuvärdet behåller sitt tecken över hela intervallet (inget brytvärde).",
      "– means that the NPV keeps its sign over the whole range (no switching value)."
    ),
    .range: ("variation", "range"),
    .rangeSource: ("Intervall från", "Ranges from"),
    .relativeRange: ("övriga", "the others"),
    .scenarioRange: ("scenariot", "the scenario"),
    .baseNPV: ("Nuvärde i grundkalkylen", "Base NPV"),
    .tornado: ("Tornadodiagram: samhällets nuvärde", "Tornado diagram: society's NPV"),
    .tornadoDesc: (
      "Staplar: samhällets nettonuvärde när en parameter i taget sätts till sitt låga (övre stapeln) och sitt "
        + "höga värde (nedre); den heldragna lodräta linjen är grundkalkylens nuvärde, en streckad linje visar noll "
        + "när axeln når dit. "
        + "Parametrarna med störst utslag överst.",
      "Bars: society's net present value with one parameter at a time at its low (upper bar) and its high "
        + "value (lower bar); the solid vertical line is the base NPV, a dashed line marks zero when the axis "
        + "reaches it. "
        + "The parameters with the largest swing first."
    ),
    .switchingValues: ("Brytvärden per perspektiv", "Switching values by perspective"),
    .parametersVaried: ("varierade parametrar", "parameters varied"),
    .draws: ("dragningar", "draws"),
    .seed: ("frö", "seed"),
    .mandateMonths: ("mandatperiod (månader)", "mandate period (months)"),
    .deterministicNPV: ("Grundkalkyl", "Deterministic NPV"),
    .meanNPV: ("Medelvärde", "Mean"),
    .standardDeviation: ("Standard\u{00AD}avvikelse", "Standard deviation"),
    .p5: ("P5", "P5"),
    .p50: ("Median", "Median"),
    .p95: ("P95", "P95"),
    .minimum: ("Minsta", "Minimum"),
    .maximum: ("Största", "Maximum"),
    // No-break spaces: a narrow column heading must not leave "0)" alone on a line.
    .probabilityPositive: ("P(nuvärde\u{00A0}>\u{00A0}0)", "P(NPV\u{00A0}>\u{00A0}0)"),
    .probabilityPaybackMandate: ("P(återbetald inom mandat\u{00AD}perioden)", "P(paid back within the mandate period)"),
    .probabilityPaybackHorizon: ("P(återbetald inom horisonten)", "P(paid back within the horizon)"),
    .histogram: ("Fördelning av nuvärdet", "Distribution of the NPV"),
    .histogramDesc: (
      "Staplar: antal dragningar per nuvärdesintervall; den streckade linjen är grundkalkylens nuvärde.",
      "Bars: the number of draws per NPV interval; the dashed line is the deterministic NPV."
    ),
    .paybackProbabilityDesc: (
      "Staplar: andelen dragningar där aktören får tillbaka sin del inom mandatperioden.",
      "Bars: the share of draws in which the actor recovers its share within the mandate period."
    ),
    .distribution: ("Fördelning", "Distribution"),
    .sampleMean: ("Medelvärde i dragningarna", "Sample mean"),
    .mean: ("Väntevärde", "Mean"),
    .binFrom: ("Från (kr)", "From (kr)"),
    .binTo: ("Till (kr)", "To (kr)"),
    .paybackByYear: ("Återbetalning per år", "Payback by year"),
    .paybackYear: ("Återbetald under år", "Paid back in year"),
    .paybackMonthPercentiles: ("Återbetalningsmånad P5 / P50 / P95", "Payback month P5 / P50 / P95"),
    .followupTitle: ("Uppföljning med persondata", "Follow-up with person-level data"),
    .followupFile: ("Datafil", "Data file"),
    .windowBefore: ("månader före", "months before"),
    .windowAfter: ("månader efter", "months after"),
    .groupSize: ("uppräknat till", "scaled to"),
    .bootstrap: ("bootstrapintervall", "bootstrap interval"),
    .noBootstrap: ("inget bootstrapintervall", "no bootstrap interval"),
    .persons: ("Personer", "Persons"),
    .personsRead: ("Lästa", "Read"),
    .personsIncluded: ("Med i resultatet", "Included"),
    .personsPartial: ("Varav med ofullständiga fönster", "Of which with incomplete windows"),
    .personsExcluded: ("Uteslutna", "Excluded"),
    .exclusionReason: ("Skäl", "Reason"),
    .scaledChange: ("Uppräknad förändring", "Scaled change"),
    .changePerParticipant: ("Förändring per person", "Change per person"),
    .interval: ("Intervall", "Interval"),
    .followupChartDesc: (
      "Staplar: förändringen (efter − före) per perspektiv, uppräknad till hela gruppen, i kronor.",
      "Bars: the change (after − before) per perspective, scaled to the whole group, in kronor."
    ),
    .followupSubgroupDesc: (
      "Staplar: samhällets förändring per person i varje delgrupp, i kronor.",
      "Bars: society's change per person in each subgroup, in kronor."
    ),
    .skippedLines: ("Överhoppade rader", "Skipped lines"),
    .results: ("Resultat", "Results"),
    .subgroup: ("Delgrupp", "Subgroup"),
    .rows: ("rader", "rows"),
    .encoding: ("Teckenkodning", "Encoding"),
    .bytes: ("byte", "bytes"),
    .monthsUnit: ("månader", "months"),
  ]

  /// Why a person was left out of a follow-up, in the report's language.
  public func exclusion(_ reason: ExclusionReason) -> String {
    guard language == .sv else { return reason.explanation }
    switch reason {
    case .beforeIncomplete: return "månader saknas i fönstret före"
    case .afterIncomplete: return "månader saknas i fönstret efter"
    case .bothIncomplete: return "månader saknas i båda fönstren"
    case .beforeEmpty: return "ingen månad i fönstret före"
    case .afterEmpty: return "ingen månad i fönstret efter"
    case .bothEmpty: return "ingen månad i något av fönstren"
    }
  }

  /// A follow-up subgroup's name: `Alla`, `Kvinnor`, `Män`, `Ej angivet`, `25-29 år`.
  public func followupSubgroup(_ subgroup: FollowupSubgroup) -> String {
    switch subgroup.kind {
    case .total: return self[.total]
    case .sex:
      switch subgroup.id {
      case "kvinna": return self[.women]
      case "man": return self[.men]
      default: return self[.notStated]
      }
    case .ageBand: return "\(subgroup.id) \(self[.years])"
    }
  }
}
