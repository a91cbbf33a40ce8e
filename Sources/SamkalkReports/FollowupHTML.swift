import Foundation
import SamkalkCore
import SamkalkMicrodata

/// The follow-up study (person-level data) for people: what changed for each actor between the
/// before and the after window, scaled to the whole group with its bootstrap interval, by sex and
/// age band, who was left out and why, the rates used and the data file's SHA-256. Same page
/// style as the run report (``HTMLPage``).
public enum FollowupHTML {
  /// The page; `title` is the measure's name when the study comes from a scenario (default: the
  /// data file's name).
  public static func render(
    _ result: FollowupResult, language: ReportLanguage = .sv, samkalkVersion: String, title: String? = nil
  ) -> [UInt8] {
    let s = ReportStrings(language)
    let heading = title ?? "\(s[.followupTitle]): \(stem(result))"
    return HTMLPage.render(
      title: heading, language: language,
      sections: sections(result, language: language, samkalkVersion: samkalkVersion, title: heading))
  }

  /// The page's sections, in order.
  public static func sections(
    _ result: FollowupResult, language: ReportLanguage, samkalkVersion: String, title: String
  ) -> [any HTMLSection] {
    let s = ReportStrings(language)
    let n = HumanNumber(language)
    let options = result.options
    return [
      AnalysisHeaderSection(
        kind: .followupTitle, title: title,
        facts: [
          "\(s[.personsIncluded]) \(result.personsIncluded) / \(result.personsRead)",
          "\(options.monthsBefore) \(s[.windowBefore]), \(options.monthsAfter) \(s[.windowAfter])",
          "\(s[.groupSize]) \(n.integer(Double(result.groupSize))) \(s[.participants])",
          "\(s[.ratesDate]) \(result.ratesDate.description)", bootstrapText(result, s, n),
        ]),
      FollowupResultsSection(result: result), FollowupSubgroupsSection(result: result),
      FollowupPersonsSection(result: result), WarningsSection(warnings: result.warnings, emptyText: .noWarnings),
      RatesSection(rates: result.ratesUsed),
      ProvenanceSection(
        context: nil, rateFiles: [], version: samkalkVersion,
        extra: [
          "\(s[.followupFile]): \(result.file) (\(s[.sha256]) \(result.sha256); \(n.integer(Double(result.bytes))) "
            + "\(s[.bytes]), \(result.encoding.rawValue), \(result.rowsRead) \(s[.rows]))",
          "PRNG: xoshiro256** seeded by SplitMix64",
        ]),
    ]
  }

  /// The data file's name without folder and extension (the reports' file-name stem).
  public static func stem(_ result: FollowupResult) -> String {
    URL(fileURLWithPath: result.file).deletingPathExtension().lastPathComponent
  }

  static func bootstrapText(_ result: FollowupResult, _ s: ReportStrings, _ n: HumanNumber) -> String {
    let options = result.options
    guard options.bootstrapReplicates > 0 else { return s[.noBootstrap] }
    return "\(n.percent(options.confidence)) \(s[.bootstrap]) (\(n.integer(Double(options.bootstrapReplicates))), "
      + "\(s[.seed]) \(options.seed))"
  }

  /// `a – b kr`, or `–` without an interval.
  static func interval(_ figure: FollowupFigure, _ n: HumanNumber) -> String {
    guard let interval = figure.interval else { return "–" }
    return "\(n.integer(interval.lowerBound)) – \(n.kronor(interval.upperBound))"
  }

  /// The lead sentence: society's scaled change and its interval, and the actors that gain and lose most.
  public static func summarySentence(_ result: FollowupResult, language: ReportLanguage) -> String {
    let s = ReportStrings(language)
    let n = HumanNumber(language)
    let sv = language == .sv
    let total = result.total
    let options = result.options
    let society = total.figure(.samhallet)
    var text =
      sv
      ? "För de \(result.personsIncluded) personerna i urvalet, uppräknat till \(n.integer(Double(result.groupSize))) deltagare, ändrades samhällets netto med \(n.kronor(society?.scaledChange ?? .zero)) mellan \(options.monthsBefore) månader före och \(options.monthsAfter) månader efter insatsen"
      : "For the \(result.personsIncluded) persons in the sample, scaled to \(n.integer(Double(result.groupSize))) participants, society's net changed by \(n.kronor(society?.scaledChange ?? .zero)) between \(options.monthsBefore) months before and \(options.monthsAfter) months after the measure"
    if let society, society.interval != nil {
      text += " (\(n.percent(options.confidence)) \(sv ? "intervall" : "interval") \(interval(society, n)))"
    }
    let actors = total.figures.filter { HTMLReport.isActor($0.perspective) }
    if let gainer = actors.max(by: { $0.scaledChange < $1.scaledChange }), gainer.scaledChange > .zero {
      text += sv ? "; mest vinner " : "; the largest gain is for "
      text += "\(s.nameInSentence(gainer.perspective)) (\(n.kronor(gainer.scaledChange)))"
    }
    if let loser = actors.min(by: { $0.scaledChange < $1.scaledChange }), loser.scaledChange < .zero {
      text += sv ? ", mest förlorar " : ", the largest loss for "
      text += "\(s.nameInSentence(loser.perspective)) (\(n.kronor(loser.scaledChange)))"
    }
    return text + "."
  }
}

struct FollowupResultsSection: HTMLSection {
  var result: FollowupResult

  func write(to html: HTMLWriter, context: HTMLContext) {
    let s = context.strings
    let n = context.numbers
    let figures = result.total.figures
    html.open("section", [("id", "summary")])
    html.element("h2", text: s[.results])
    html.element("p", [("class", "lead")], text: FollowupHTML.summarySentence(result, language: context.language))
    ChartFigure(caption: s[.followupChartDesc]) { html in
      HorizontalBarChart(
        id: "chart-followup", title: "\(s[.scaledChange]) (kr)", description: s[.followupChartDesc],
        rows: figures.enumerated().map { index, figure in
          HorizontalBarChart.Row(
            label: s.name(figure.perspective), value: figure.scaledChange.kronor,
            color: figure.perspective == .samhallet ? ChartPalette.colors.count - 1 : index)
        }, numbers: n
      ).write(to: html)
    }.write(to: html)
    html.table(
      caption: "\(s[.chartTable]): \(s[.results]) (kr)",
      header: [
        s[.perspective], s[.before], s[.after], s[.change], s[.changePerParticipant], s[.scaledChange], s[.interval],
      ],
      rows: figures.map { figure in
        [
          s.name(figure.perspective), n.integer(figure.before), n.integer(figure.after), n.integer(figure.change),
          figure.changePerParticipant.map(n.integer) ?? "–", n.integer(figure.scaledChange),
          FollowupHTML.interval(figure, n),
        ]
      }, numeric: Set(1...5), id: "followup-table")
    html.close()
  }
}

struct FollowupSubgroupsSection: HTMLSection {
  var result: FollowupResult

  func write(to html: HTMLWriter, context: HTMLContext) {
    let s = context.strings
    let n = context.numbers
    html.open("section", [("id", "subgroups")])
    html.element("h2", text: s[.subgroups])
    ChartFigure(caption: s[.followupSubgroupDesc]) { html in
      HorizontalBarChart(
        id: "chart-followup-subgroups", title: "\(s[.changePerParticipant]): \(s.name(.samhallet)) (kr)",
        description: s[.followupSubgroupDesc],
        rows: result.subgroups.map { subgroup in
          HorizontalBarChart.Row(
            label: "\(s.followupSubgroup(subgroup)) (\(subgroup.persons))",
            value: subgroup.figure(.samhallet)?.changePerParticipant?.kronor ?? 0,
            color: subgroup.kind == .total ? ChartPalette.colors.count - 1 : 0)
        }, numbers: n
      ).write(to: html)
    }.write(to: html)
    html.table(
      caption: "\(s[.chartTable]): \(s[.changePerParticipant]) (kr)",
      header: [s[.subgroup], s[.persons]] + Perspective.all.map { s.shortName($0) },
      rows: result.subgroups.map { subgroup in
        [s.followupSubgroup(subgroup), String(subgroup.persons)]
          + Perspective.all.map { subgroup.figure($0)?.changePerParticipant.map(n.integer) ?? "–" }
      }, numeric: Set(1...(Perspective.all.count + 1)), id: "followup-subgroups-table")
    html.close()
  }
}

struct FollowupPersonsSection: HTMLSection {
  var result: FollowupResult

  func write(to html: HTMLWriter, context: HTMLContext) {
    let s = context.strings
    html.open("section", [("id", "persons")])
    html.element("h2", text: s[.persons])
    var rows = [
      [s[.personsRead], String(result.personsRead)], [s[.personsIncluded], String(result.personsIncluded)],
      [s[.personsPartial], String(result.personsPartial)], [s[.personsExcluded], String(result.personsExcluded)],
    ]
    for reason in ExclusionReason.allCases {
      if let count = result.excluded[reason] { rows.append(["– \(s.exclusion(reason))", String(count)]) }
    }
    html.table(caption: s[.persons], header: [s[.persons], s[.value]], rows: rows, numeric: [1], id: "persons-table")
    if result.skippedLines > 0 {
      html.element("h3", text: "\(s[.skippedLines]): \(result.skippedLines)")
      html.open("ul")
      for line in result.skipped { html.element("li", text: line.description) }
      html.close()
    }
    html.close()
  }
}
