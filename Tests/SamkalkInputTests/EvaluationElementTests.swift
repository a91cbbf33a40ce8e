import Foundation
import SamkalkCore
import SamkalkEngine
import SamkalkInput
import SamkalkRates
import Testing

/// The 1-based line of the first line of `text` that contains `marker`.
func line(of marker: String, in text: String) -> Int {
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
  return (lines.firstIndex { $0.contains(marker) } ?? -1) + 1
}

/// The minimal scenario with its first outcome (`arbete`, 4 persons) replaced by `outcome`, `head`
/// inserted before `<measure>` and `tail` after `</outcomes>`.
func scenario(outcome: String? = nil, head: String = "", tail: String = "", persons: (Int, Int) = (4, 6)) -> String {
  var text = minimalScenario(persons: persons, extra: tail)
  if let outcome {
    let start = text.range(of: #"<outcome id="arbete""#)!
    let end = text.range(of: "</outcome>", range: start.upperBound..<text.endIndex)!
    text.replaceSubrange(start.lowerBound..<end.upperBound, with: outcome)
  }
  if !head.isEmpty {
    text = text.replacingOccurrences(of: "<measure ", with: head + "\n  <measure ")
  }
  return text
}

@Suite struct EvaluationElementTests {
  // MARK: Branches

  @Test func branchesLandInTheModel() throws {
    let text = scenario(
      outcome: """
        <outcome id="arbete" persons="4" startMonth="12">
              <phase months="12">
                <situation type="nystartsjobb" wage="24000" subsidyFactor="1"/>
                <branch id="behaller" share="0.25" source="IFAU">
                  <phase months="6"><situation type="arbete" wage="24000"/></phase>
                  <phase><situation type="arbete" extent="0.5" wage="24000"/></phase>
                </branch>
                <branch id="aterfall" share="0.75"><phase><situation type="forsorjningsstod"/></phase></branch>
              </phase>
            </outcome>
        """)
    let loaded = try reader().read(bytes: Array(text.utf8), file: "b.xml")
    #expect(loaded.warnings.isEmpty, "\(render(loaded.warnings))")
    let phase = try #require(loaded.scenario.outcomes.first?.path.first)
    #expect(phase.months == 12)
    #expect(phase.branches.map(\.id) == ["behaller", "aterfall"])
    #expect(phase.branches.map(\.share) == [0.25, 0.75])
    #expect(phase.branches[0].path.map(\.months) == [6, nil])
    #expect(phase.branches[0].path[1].situations.first?.extent == 0.5)
    #expect(
      loaded.scenario.inputs.contains {
        $0.path == "outcome[arbete]/phase[1]/branch[behaller]" && $0.source == .report("IFAU")
          && $0.value == "share=0.25"
      })
  }

  @Test func branchSharesMustAddUpToOne() throws {
    let text = scenario(
      outcome: """
        <outcome id="arbete" persons="4" startMonth="12">
              <phase months="12">
                <situation type="arbete" wage="24000"/>
                <branch id="a" share="0.5"><phase><situation type="arbete" wage="24000"/></phase></branch>
                <branch id="b" share="0.4"><phase><situation type="forsorjningsstod"/></phase></branch>
              </phase>
            </outcome>
        """)
    let diagnostics = try check(text)
    #expect(diagnostics.count == 1, "\(render(diagnostics))")
    #expect(diagnostics.first?.location.line == line(of: #"<phase months="12">"#, in: text))
    #expect(diagnostics.first?.message == "the branch shares of phase 1 of outcome 'arbete' add up to 0.9, not 1")

    // Thirds within 1e-9 add up.
    let thirds = text.replacingOccurrences(of: #"share="0.5""#, with: #"share="0.3333333333""#)
      .replacingOccurrences(of: #"share="0.4""#, with: #"share="0.6666666667""#)
    #expect(try check(thirds).isEmpty)
  }

  @Test func branchRulesAreCheckedWithTheirLines() throws {
    let text = scenario(
      outcome: """
        <outcome id="arbete" persons="4" startMonth="12">
              <phase months="3">
                <situation type="arbete" wage="24000"/>
                <branch id="early" share="1"><phase><situation type="arbete" wage="24000"/></phase></branch>
              </phase>
              <phase>
                <situation type="arbete" wage="24000"/>
                <branch id="Bad" share="1.5">
                  <phase months="6"><situation type="arbete" wage="24000"/></phase>
                </branch>
              </phase>
            </outcome>
        """)
    let diagnostics = try check(text)
    let expected: [(String, String)] = [
      (#"<phase months="3">"#, "phase 1 of outcome 'arbete' has branches, so it must be the last phase of its path"),
      ("<phase>\n", "phase 2 of outcome 'arbete' has branches, so it needs 'months'"),
      (#"<branch id="Bad""#, "branch id 'Bad' must match [a-z0-9][a-z0-9_-]*"),
      (#"<branch id="Bad""#, "'share' 1.5 must be between 0 and 1"),
      (#"<phase months="6">"#, "the last phase of branch 'Bad' of phase 2 of outcome 'arbete' must not have 'months'"),
    ]
    #expect(diagnostics.count == expected.count, "\(render(diagnostics))")
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let secondPhase = (lines.indices.filter { lines[$0].hasSuffix("<phase>") }.first ?? -1) + 1
    for (diagnostic, (marker, message)) in zip(diagnostics, expected) {
      let expectedLine = marker == "<phase>\n" ? secondPhase : line(of: marker, in: text)
      #expect(diagnostic.location.line == expectedLine, "\(diagnostic)")
      #expect(diagnostic.message.hasPrefix(message), "\(diagnostic)")
      #expect(diagnostic.severity == .error)
    }
  }

  @Test func branchesPastTheHorizonGiveAWarning() throws {
    let text = scenario(
      outcome: """
        <outcome id="arbete" persons="4" startMonth="12">
              <phase months="24">
                <situation type="arbete" wage="24000"/>
                <branch id="a" share="1"><phase><situation type="arbete" wage="24000"/></phase></branch>
              </phase>
            </outcome>
        """)
    let diagnostics = try check(text)
    #expect(diagnostics.count == 1, "\(render(diagnostics))")
    #expect(diagnostics.first?.severity == .warning)
    #expect(diagnostics.first?.location.line == line(of: #"<outcome id="arbete""#, in: text))
    #expect(
      diagnostics.first?.message
        == "the phases of outcome 'arbete' with 'months' end in month 36, at or after the horizon of 36 months: "
        + "its branches never start")
  }

  // MARK: Persons, shares and subgroups

  @Test func shareBasedCohortGivesFractionalPersons() throws {
    let text = minimalScenario()
      .replacingOccurrences(of: #"id="arbete" persons="4""#, with: #"id="arbete" share="0.25""#)
      .replacingOccurrences(of: #"id="oforandrad" persons="6""#, with: #"id="oforandrad" share="0.75""#)
    let loaded = try reader().read(bytes: Array(text.utf8), file: "s.xml")
    #expect(loaded.warnings.isEmpty, "\(render(loaded.warnings))")
    #expect(loaded.scenario.outcomes.map(\.persons) == [2.5, 7.5])

    let short = text.replacingOccurrences(of: #"share="0.75""#, with: #"share="0.7""#)
    let diagnostics = try check(short)
    #expect(diagnostics.count == 1, "\(render(diagnostics))")
    #expect(diagnostics.first?.severity == .warning)
    #expect(diagnostics.first?.location.line == 15)
    #expect(diagnostics.first?.message == "outcomes have shares adding up to 0.95, not 1 (0.05 not assigned)")

    // Counts and shares mixed: the persons are compared with the participants.
    let mixed = minimalScenario().replacingOccurrences(
      of: #"id="arbete" persons="4""#, with: #"id="arbete" share="0.25""#)
    let mixedDiagnostics = try check(mixed)
    #expect(
      mixedDiagnostics.map(\.message) == [
        "outcomes add up to 8.5 persons but the measure has 10 participants (1.5 not assigned)"
      ])
  }

  @Test func personsXorShare() throws {
    let both = minimalScenario().replacingOccurrences(
      of: #"id="arbete" persons="4""#, with: #"id="arbete" persons="4" share="0.4""#)
    let diagnostics = try check(both)
    #expect(diagnostics.map(\.location.line) == [16], "\(render(diagnostics))")
    #expect(diagnostics.first?.message == "outcome 'arbete' gives both 'persons' and 'share': give one or the other")

    let neither = minimalScenario().replacingOccurrences(of: #"id="arbete" persons="4""#, with: #"id="arbete""#)
    let none = try check(neither)
    #expect(none.map(\.location.line) == [16], "\(render(none))")
    #expect(none.first?.message.hasPrefix("outcome 'arbete' needs 'persons'") == true)

    let negative = minimalScenario().replacingOccurrences(
      of: #"id="arbete" persons="4""#, with: #"id="arbete" persons="-1""#)
    #expect(try check(negative).first?.message == "'persons' -1 must be between 0 and 1000000000")
  }

  @Test func subgroupsMustAddUpToTheOutcome() throws {
    let text = scenario(
      outcome: """
        <outcome id="arbete" persons="4" startMonth="12">
              <subgroup sex="kvinna" ageBand="18-29" persons="1" source="rapport"/>
              <subgroup sex="kvinna" ageBand="30-49" persons="1.5"/>
              <subgroup sex="man" persons="0.5"/>
              <phase><situation type="arbete" wage="24000"/></phase>
            </outcome>
        """)
    let diagnostics = try check(text)
    #expect(diagnostics.count == 1, "\(render(diagnostics))")
    #expect(diagnostics.first?.location.line == line(of: #"<outcome id="arbete""#, in: text))
    #expect(
      diagnostics.first?.message == "the subgroups of outcome 'arbete' add up to 3 persons, not its 4 (1 missing)")

    let fixed = text.replacingOccurrences(of: #"persons="0.5""#, with: #"persons="1.5""#)
    let loaded = try reader().read(bytes: Array(fixed.utf8), file: "g.xml")
    let subgroups = try #require(loaded.scenario.outcomes.first?.subgroups)
    #expect(
      subgroups == [
        SubgroupShare(subgroup: Subgroup(sex: .kvinna, ageBand: "18-29"), persons: 1),
        SubgroupShare(subgroup: Subgroup(sex: .kvinna, ageBand: "30-49"), persons: 1.5),
        SubgroupShare(subgroup: Subgroup(sex: .man), persons: 1.5),
      ])
    #expect(
      loaded.scenario.inputs.contains {
        $0.path == "outcome[arbete]/subgroup[kvinna/18-29]" && $0.source == .report("rapport")
      })

    let tooMany = text.replacingOccurrences(of: #"persons="0.5""#, with: #"persons="2""#)
    #expect(
      try check(tooMany).first?.message
        == "the subgroups of outcome 'arbete' add up to 4.5 persons, not its 4 (0.5 too many)")
  }

  @Test func subgroupProblemsAreReportedOnTheirLines() throws {
    let text = scenario(
      outcome: """
        <outcome id="arbete" persons="4" startMonth="12">
              <subgroup persons="1"/>
              <subgroup sex="man" ageBand="30-18" persons="1"/>
              <subgroup sex="kvinna" persons="1"/>
              <subgroup sex="kvinna" share="0.25"/>
              <phase><situation type="arbete" wage="24000"/></phase>
            </outcome>
        """)
    let diagnostics = try check(text)
    #expect(diagnostics.count == 3, "\(render(diagnostics))")
    #expect(diagnostics[0].location.line == line(of: #"<subgroup persons="1"/>"#, in: text))
    #expect(diagnostics[0].message == "a subgroup of outcome 'arbete' needs 'sex', 'ageBand' or both")
    #expect(diagnostics[1].location.line == line(of: "30-18", in: text))
    #expect(diagnostics[1].message.hasPrefix("age band '30-18' must be whole years written like 18-29"))
    #expect(diagnostics[2].location.line == line(of: #"share="0.25""#, in: text))
    #expect(diagnostics[2].message.hasPrefix("subgroup 'kvinna' of outcome 'arbete' is given twice (first on line"))
  }

  // MARK: Typfall and the comparison alternative

  @Test func typfallHaveTheirOwnBeforeOrTheScenarios() throws {
    let text = scenario(
      outcome: """
        <outcome id="arbete" persons="4" startMonth="12">
              <before><situation type="etableringsersattning"/></before>
              <phase><situation type="arbete" wage="24000"/></phase>
            </outcome>
        """,
      head: #"<population kind="typfall" source="NyttoSam"/>"#)
    let loaded = try reader().read(bytes: Array(text.utf8), file: "t.xml")
    #expect(loaded.warnings.isEmpty, "\(render(loaded.warnings))")
    let scenario = loaded.scenario
    #expect(scenario.population == .typfall)
    #expect(scenario.outcomes[0].before?.situations.first?.situation == .etableringsersattning)
    // No <during>: the typfall lives as in its own before while in the measure.
    #expect(scenario.outcomes[0].during?.situations.first?.situation == .etableringsersattning)
    // The second typfall has no before of its own: it uses the scenario's.
    #expect(scenario.outcomes[1].before == nil && scenario.outcomes[1].during == nil)
    #expect(scenario.inputs.contains { $0.path == "population" && $0.value == "kind=typfall" })

    let weights = text.replacingOccurrences(of: #"persons="6""#, with: #"persons="5.5""#)
    #expect(
      try check(weights).map(\.message) == [
        "the typfall weights add up to 9.5 persons but the measure has 10 participants (0.5 not assigned)"
      ])
  }

  @Test func comparisonAlternativeLandsInTheModelAndIsChecked() throws {
    let comparison = """
      <comparison assumption="regular services">
          <alternative id="arbete_anda" persons="2">
            <phase months="12"><situation type="forsorjningsstod"/></phase>
            <phase><situation type="arbete" wage="24000"/></phase>
          </alternative>
          <alternative id="oforandrad" share="0.6"><phase><situation type="forsorjningsstod"/></phase></alternative>
        </comparison>
      """
    let text = scenario(tail: comparison)
    let diagnostics = try check(text)
    #expect(diagnostics.count == 1, "\(render(diagnostics))")
    #expect(diagnostics.first?.location.line == line(of: "<comparison", in: text))
    #expect(
      diagnostics.first?.message
        == "the comparison alternatives add up to 8 persons but the measure has 10 participants (2 not assigned)")

    let fixed = text.replacingOccurrences(of: #"share="0.6""#, with: #"share="0.8""#)
    let loaded = try reader().read(bytes: Array(fixed.utf8), file: "c.xml")
    guard case .alternative(let groups) = loaded.scenario.comparison else {
      Issue.record("expected a comparison alternative")
      return
    }
    #expect(groups.map(\.id) == ["arbete_anda", "oforandrad"])
    #expect(groups.map(\.persons) == [2, 8])
    #expect(groups.map(\.startMonth) == [0, 0])
    #expect(groups[0].path.map(\.months) == [12, nil])
    // Outside the measure: before its path an alternative lives as in the scenario's before.
    #expect(groups[0].during?.situations.first?.situation == .forsorjningsstod)

    let duplicate = fixed.replacingOccurrences(of: #"id="oforandrad""#, with: #"id="arbete_anda""#)
    let duplicates = try check(duplicate)
    #expect(duplicates.map(\.message).contains { $0.hasPrefix("duplicate alternative id 'arbete_anda'") })
  }

  // MARK: Adjustments, break-even, verkningsgrad

  @Test func adjustmentsLandInTheModelAndMustBeShares() throws {
    let element =
      #"<adjustments deadweight="0.2" attribution="0.1" displacement="0.05" dropOff="0.15" optimismBias="0.1" assumption="SROI"/>"#
    let loaded = try reader().read(bytes: Array(scenario(tail: element).utf8), file: "a.xml")
    #expect(
      loaded.scenario.adjustments
        == Adjustments(deadweight: 0.2, attribution: 0.1, displacement: 0.05, dropOff: 0.15, optimismBias: 0.1))
    #expect(loaded.scenario.inputs.contains { $0.path == "adjustments" && $0.source == .assumption("SROI") })

    let partial = try reader().read(
      bytes: Array(scenario(tail: #"<adjustments dropOff="0.3"/>"#).utf8), file: "a.xml")
    #expect(partial.scenario.adjustments == Adjustments(dropOff: 0.3))

    let text = scenario(tail: #"<adjustments deadweight="1.2" optimismBias="-0.1"/>"#)
    let diagnostics = try check(text)
    #expect(diagnostics.count == 2, "\(render(diagnostics))")
    #expect(diagnostics.allSatisfy { $0.location.line == line(of: "<adjustments", in: text) })
    #expect(diagnostics[0].message.hasPrefix("'deadweight' 1.2 must be between 0 and 1"))
    #expect(diagnostics[1].message == "'optimismBias' -0.1 must be between 0 and 1")
  }

  @Test func optimismBiasOnBenefitsAndTheirDelayLandInTheModelAndAreChecked() throws {
    let element = #"<adjustments optimismBiasBenefits="0.15" optimismBiasDelayMonths="6" assumption="Green Book"/>"#
    let loaded = try reader().read(bytes: Array(scenario(tail: element).utf8), file: "a.xml")
    #expect(loaded.scenario.adjustments == Adjustments(optimismBiasBenefits: 0.15, optimismBiasDelayMonths: 6))

    // A share above 1 and a delay past 1 200 months, each named on the element's line (a negative
    // delay is already refused by the schema's nonNegativeInteger).
    let text = scenario(tail: #"<adjustments optimismBiasBenefits="1.5" optimismBiasDelayMonths="1201"/>"#)
    let diagnostics = try check(text)
    #expect(diagnostics.count == 2, "\(render(diagnostics))")
    #expect(diagnostics.allSatisfy { $0.location.line == line(of: "<adjustments", in: text) })
    #expect(diagnostics[0].message.hasPrefix("'optimismBiasBenefits' 1.5 must be between 0 and 1"))
    #expect(diagnostics[1].message == "optimismBiasDelayMonths '1201' must be a whole number from 0 to 1200")
  }

  @Test func breakEvenMustNameAnOutcomeWithinTheHorizon() throws {
    let good = try reader().read(
      bytes: Array(scenario(tail: #"<breakEven outcome="arbete" years="2"/>"#).utf8), file: "e.xml")
    #expect(good.scenario.breakEven == BreakEvenSpec(outcome: "arbete", years: 2))
    let bare = try reader().read(bytes: Array(scenario(tail: "<breakEven/>").utf8), file: "e.xml")
    #expect(bare.scenario.breakEven == BreakEvenSpec())
    #expect(try reader().read(bytes: Array(scenario().utf8), file: "e.xml").scenario.breakEven == nil)

    let text = scenario(tail: #"<breakEven outcome="arbet" years="4"/>"#)
    let diagnostics = try check(text)
    #expect(diagnostics.count == 2, "\(render(diagnostics))")
    #expect(diagnostics.allSatisfy { $0.location.line == line(of: "<breakEven", in: text) })
    #expect(diagnostics[0].message.hasPrefix("unknown breakEven outcome 'arbet'; did you mean 'arbete'?"))
    #expect(diagnostics[1].message == "breakEven years 4 is longer than the horizon of 3 years")
  }

  @Test func verkningsgradNeedsAPositiveWage() throws {
    let loaded = try reader().read(
      bytes: Array(scenario(tail: #"<verkningsgrad potentialWage="25000" assumption="heltid"/>"#).utf8),
      file: "v.xml")
    #expect(loaded.scenario.potentialWage == 25000)
    let text = scenario(tail: #"<verkningsgrad potentialWage="0"/>"#)
    let diagnostics = try check(text)
    #expect(diagnostics.map(\.location.line) == [line(of: "<verkningsgrad", in: text)], "\(render(diagnostics))")
    #expect(diagnostics.first?.message.hasPrefix("'potentialWage' must be above 0") == true)
  }

  // MARK: Ongoing costs

  @Test func ongoingCostIsAnnualAmountTimesMonthsOverTwelve() throws {
    func replacingCost(_ cost: String) -> String {
      minimalScenario().replacingOccurrences(
        of: #"<cost id="budget" label="Budget" amount="100000"/>"#,
        with: #"<cost id="budget" label="Budget" amount="100000"/>"# + "\n" + cost)
    }
    // Defaults: from the end of the measure (month 12) to the horizon (36 months).
    let text = replacingCost(#"<cost id="drift" label="Drift" kind="ongoing" annualAmount="300000"/>"#)
    let loaded = try reader().read(bytes: Array(text.utf8), file: "o.xml")
    let cost = try #require(loaded.scenario.measure.costs.last)
    #expect(cost.kind == .ongoing)
    #expect(cost.startMonth == 12 && cost.months == 24)
    #expect(cost.amount == Money(kronor: 600_000))
    #expect(loaded.scenario.measure.costs.first?.kind == .project)

    // Explicit months; annualAmount on a project cost uses the measure's months.
    let explicit = try reader().read(
      bytes: Array(
        replacingCost(
          #"<cost id="drift" label="Drift" kind="ongoing" annualAmount="120000" startMonth="18" months="7"/>"#
            + "\n"
            + #"<cost id="hyra" label="Hyra" annualAmount="60000"/>"#
        ).utf8), file: "o.xml")
    let costs = explicit.scenario.measure.costs
    #expect(costs[1].startMonth == 18 && costs[1].months == 7 && costs[1].amount == Money(kronor: 70_000))
    #expect(costs[2].kind == .project && costs[2].months == 12 && costs[2].amount == Money(kronor: 60_000))

    let both = replacingCost(#"<cost id="drift" label="Drift" amount="5" annualAmount="300000"/>"#)
    let diagnostics = try check(both)
    #expect(diagnostics.map(\.location.line) == [10], "\(render(diagnostics))")
    #expect(diagnostics.first?.message.hasPrefix("cost 'drift' gives 'annualAmount' and 'amount'") == true)

    let late = replacingCost(#"<cost id="drift" label="Drift" kind="ongoing" annualAmount="1" startMonth="36"/>"#)
    #expect(
      try check(late).first?.message
        == "ongoing cost 'drift' starts in month 36, at or after the horizon of 36 months")
  }
}
