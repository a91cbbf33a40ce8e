import Foundation
import SamkalkCore
import SamkalkEngine
import SamkalkInput
import SamkalkRates
import Testing

/// The line of `<uncertainty>` in ``uncertaintyScenario(_:attributes:)``; the i-th `<vary>`
/// (counting from 0) is on line `firstVaryLine + i`.
let uncertaintyLine = 27
let firstVaryLine = 28

/// The minimal scenario with an `<uncertainty>` element after `</outcomes>` (it is the last
/// element of a scenario), one `<vary>` a line.
func uncertaintyScenario(_ varies: [String], attributes: String = #"draws="500" seed="7""#) -> String {
  let body = varies.map { "    " + $0 }.joined(separator: "\n")
  return minimalScenario(extra: "<uncertainty \(attributes)>\n\(body)\n  </uncertainty>")
}

/// `LINE: message` for each diagnostic, to compare lines and messages at once.
func located(_ diagnostics: [Diagnostic]) -> [String] {
  diagnostics.map { "\($0.location.line.map(String.init) ?? "-"): \($0.message)" }
}

/// The paths of the minimal scenario's inputs used below.
let personsPath = "outcome[arbete]@persons"
let wagePath = "outcome[arbete]/phase[1]/situation[arbete]@wage"
let extentPath = "outcome[arbete]/phase[1]/situation[arbete]@extent"

@Suite struct UncertaintyElementTests {
  // MARK: What lands in the model

  @Test func linesOfTheHelperAreAsDocumented() {
    let text = uncertaintyScenario([#"<vary input="adjustments@deadweight" low="0" high="0.4"/>"#])
    #expect(line(of: "<uncertainty ", in: text) == uncertaintyLine)
    #expect(line(of: "<vary ", in: text) == firstVaryLine)
  }

  @Test func validUncertaintyLandsInTheModel() throws {
    let text = uncertaintyScenario([
      #"<vary input="\#(personsPath)" low="2" high="8" distribution="pert" min="2" mode="4" max="8" source="report, table 2"/>"#,
      #"<vary input="\#(wagePath)" distribution="triangular" min="22000" mode="25000" max="28000" assumption="wages"/>"#,
      #"<vary input="adjustments@deadweight" low="0" high="0.4"/>"#,
      #"<vary rate="formaner.forsorjningsstod.per_hushallsmanad" distribution="normal" mean="11000" sd="1000" lower="0"/>"#,
      #"<vary rate="kommunalskatt.kommunal" low="0.2" high="0.23" distribution="uniform" min="0.2" max="0.23"/>"#,
      #"<vary input="measure/cost[budget]@amount" distribution="lognormal" mean="100000" sd="20000"/>"#,
      #"<vary input="before/situation[forsorjningsstod]@extent" distribution="discrete" values="0.8 1" probabilities="0.25 0.75"/>"#,
      #"<vary input="\#(extentPath)" distribution="normal" mean="0.8" sd="0.1" lower="0.5" upper="1"/>"#,
    ])
    let loaded = try reader().read(bytes: Array(text.utf8), file: "u.xml")
    #expect(loaded.warnings.isEmpty, "\(render(loaded.warnings))")
    let spec = loaded.scenario.uncertainty
    #expect(spec.draws == 500)
    #expect(spec.seed == 7)
    let varied = spec.parameters
    #expect(
      varied.map(\.target) == [
        .input(personsPath), .input(wagePath), .input("adjustments@deadweight"),
        .rate("formaner.forsorjningsstod.per_hushallsmanad"), .rate("kommunalskatt.kommunal"),
        .input("measure/cost[budget]@amount"), .input("before/situation[forsorjningsstod]@extent"),
        .input(extentPath),
      ])
    #expect(varied.first?.id == "input:\(personsPath)")
    #expect(varied[4].id == "rate:kommunalskatt.kommunal")
    #expect(
      varied.map(\.distribution) == [
        .pert(min: 2, mode: 4, max: 8),
        .triangular(min: 22000, mode: 25000, max: 28000),
        nil,
        .normal(mean: 11000, standardDeviation: 1000, lower: 0, upper: nil),
        .uniform(min: 0.2, max: 0.23),
        .lognormal(mean: 100_000, standardDeviation: 20000),
        .discrete(values: [0.8, 1], probabilities: [0.25, 0.75]),
        .normal(mean: 0.8, standardDeviation: 0.1, lower: 0.5, upper: 1),
      ])
    #expect(varied.map(\.low) == [2, nil, 0, nil, 0.2, nil, nil, nil])
    #expect(varied.map(\.high) == [8, nil, 0.4, nil, 0.23, nil, nil, nil])
    #expect(varied.map { $0.location?.line } == (0..<8).map { firstVaryLine + $0 })
    #expect(varied.allSatisfy { $0.location?.file == "u.xml" })

    // Each <vary>'s source or assumption is recorded with the parameter's id.
    let reasons = loaded.scenario.inputs.filter { $0.path.hasPrefix("uncertainty/") }
    #expect(reasons.map(\.path) == ["uncertainty/vary[input:\(personsPath)]", "uncertainty/vary[input:\(wagePath)]"])
    #expect(reasons.map(\.source) == [.report("report, table 2"), .assumption("wages")])
    #expect(reasons.first?.location?.line == firstVaryLine)
  }

  @Test func withoutTheElementNothingVaries() throws {
    let scenario = try reader().read(bytes: Array(minimalScenario().utf8), file: "n.xml").scenario
    #expect(scenario.uncertainty.parameters.isEmpty)
    #expect(scenario.uncertainty.draws == nil && scenario.uncertainty.seed == nil)
  }

  // MARK: Which parameter

  @Test func unknownInputPathHasAHint() throws {
    let diagnostics = try check(
      uncertaintyScenario([
        #"<vary input="outcome[arbete]/phase[1]/situation[arbete]@wag" low="20000" high="30000"/>"#,
        #"<vary input="horizon@years" low="3" high="10"/>"#,
      ]))
    #expect(
      located(diagnostics) == [
        "\(firstVaryLine): 'outcome[arbete]/phase[1]/situation[arbete]@wag' is not a numeric input of this "
          + "scenario; did you mean '\(wagePath)'? (paths are listed by 'samkalk sensitivity --list')",
        "\(firstVaryLine + 1): 'horizon@years' is not a numeric input of this scenario"
          + " (paths are listed by 'samkalk sensitivity --list')",
      ], "\(render(diagnostics))")
    #expect(diagnostics.allSatisfy { $0.severity == .error })
  }

  @Test func unknownRateHasAHint() throws {
    let diagnostics = try check(
      uncertaintyScenario([
        #"<vary rate="formaner.forsorjningsstod.per_hushallsmanader" low="9000" high="13000"/>"#,
        #"<vary rate="kommunalskatt.komunal" low="0.2" high="0.23"/>"#,
        #"<vary rate="betalare.sjukpenning" low="0" high="1"/>"#,
      ]))
    #expect(
      located(diagnostics) == [
        "\(firstVaryLine): unknown rate 'formaner.forsorjningsstod.per_hushallsmanader'; "
          + "did you mean 'formaner.forsorjningsstod.per_hushallsmanad'?",
        "\(firstVaryLine + 1): unknown rate 'kommunalskatt.komunal'; did you mean 'kommunalskatt.kommunal'?",
        "\(firstVaryLine + 2): rate 'betalare.sjukpenning' names an actor, not a number: it cannot vary",
      ], "\(render(diagnostics))")
  }

  @Test func exactlyOneOfInputAndRate() throws {
    let diagnostics = try check(
      uncertaintyScenario([
        #"<vary input="\#(personsPath)" rate="kommunalskatt.kommunal" low="2" high="8"/>"#,
        #"<vary low="2" high="8"/>"#,
      ]))
    #expect(
      located(diagnostics) == [
        "\(firstVaryLine): <vary> gives both 'input' and 'rate': one parameter per <vary>",
        "\(firstVaryLine + 1): <vary> needs 'input' (a scenario input's path) or 'rate' (a rate key)",
      ], "\(render(diagnostics))")
  }

  @Test func theSameParameterVariedTwice() throws {
    let diagnostics = try check(
      uncertaintyScenario([
        #"<vary input="\#(personsPath)" low="2" high="8"/>"#,
        #"<vary input="adjustments@deadweight" low="0" high="0.4"/>"#,
        #"<vary input="\#(personsPath)" distribution="uniform" min="2" max="8"/>"#,
      ]))
    #expect(
      located(diagnostics) == [
        "\(firstVaryLine + 2): input:\(personsPath) is varied twice (first on line \(firstVaryLine))"
      ], "\(render(diagnostics))")
  }

  // MARK: low and high

  @Test func lowAndHighComeTogetherAndInOrder() throws {
    let diagnostics = try check(
      uncertaintyScenario([
        #"<vary input="\#(personsPath)" low="2"/>"#,
        #"<vary input="\#(wagePath)" high="30000"/>"#,
        #"<vary input="adjustments@deadweight" low="0.5" high="0.5"/>"#,
        #"<vary input="adjustments@dropOff" low="0.3" high="0.1"/>"#,
        #"<vary input="adjustments@attribution"/>"#,
      ]))
    #expect(
      located(diagnostics) == [
        "\(firstVaryLine): give both 'low' and 'high', or neither",
        "\(firstVaryLine + 1): give both 'low' and 'high', or neither",
        "\(firstVaryLine + 2): 'low' 0.5 must be below 'high' 0.5",
        "\(firstVaryLine + 3): 'low' 0.3 must be below 'high' 0.1",
        "\(firstVaryLine + 4): <vary> needs 'low' and 'high' (for sensitivity) or a 'distribution' (for Monte Carlo)",
      ], "\(render(diagnostics))")
  }

  @Test func aRangeOutsideTheInputsDomain() throws {
    let diagnostics = try check(
      uncertaintyScenario([
        #"<vary input="\#(extentPath)" low="-0.1" high="0.5"/>"#,
        #"<vary input="\#(wagePath)" low="-100" high="30000"/>"#,
        #"<vary rate="kommunalskatt.kommunal" low="0.2" high="1.5"/>"#,
        #"<vary input="adjustments@deadweight" distribution="uniform" min="0.5" max="1.2"/>"#,
        #"<vary input="\#(personsPath)" distribution="discrete" values="-1 4" probabilities="0.5 0.5"/>"#,
      ]))
    #expect(
      located(diagnostics) == [
        "\(firstVaryLine): input '\(extentPath)' is a share between 0 and 1: low -0.1 … high 0.5 goes outside it",
        "\(firstVaryLine + 1): input '\(wagePath)' is a value of 0 or more: low -100 … high 30000 goes outside it",
        "\(firstVaryLine + 2): rate 'kommunalskatt.kommunal' is a share between 0 and 1: low 0.2 … high 1.5 goes "
          + "outside it",
        "\(firstVaryLine + 3): input 'adjustments@deadweight' is a share between 0 and 1, but "
          + "uniform(min=0.5, max=1.2) can draw values from 0.5 to 1.2",
        "\(firstVaryLine + 4): input '\(personsPath)' is a value of 0 or more, but "
          + "discrete(values=[-1, 4], probabilities=[0.5, 0.5]) can draw values from -1 to 4",
      ], "\(render(diagnostics))")
  }

  /// A phase lasts at least a month: a range that reaches below one is refused where it is
  /// written (the shipped ten-year Porten, whose studies phase lasts 24 months).
  @Test func aPhaseLengthBelowOneMonth() throws {
    let shipped = try String(contentsOfFile: scenarioPath("porten-2016-2018-osakerhet.xml"), encoding: .utf8)
    let marker = #"<uncertainty draws="10000" seed="20161">"#
    let vary = #"<vary input="outcome[studier]/phase[1]@months" low="0" high="36"/>"#
    let text = shipped.replacingOccurrences(of: marker, with: marker + "\n    " + vary)
    #expect(text != shipped)
    let diagnostics = try check(text)
    #expect(
      located(diagnostics) == [
        "\(line(of: vary, in: text)): input 'outcome[studier]/phase[1]@months' is a value of 1 or more: "
          + "low 0 … high 36 goes outside it"
      ], "\(render(diagnostics))")
  }

  /// Setting a branch's share rescales its siblings: two shares of one phase varied together
  /// would undo each other, so the second is refused; a share of another phase is not.
  @Test func twoVariedSharesOfOneBranching() throws {
    let shipped = try String(contentsOfFile: scenarioPath("samverkan-leder-till-arbete-kalmar.xml"), encoding: .utf8)
    let phase = "outcome[bistand_till_nystartsjobb]/phase[1]"
    let varies = [
      #"<vary input="\#(phase)/branch[behaller_arbete]@share" low="0.2" high="0.5"/>"#,
      #"<vary input="outcome[etablering_till_nystartsjobb]/phase[1]/branch[aterfall]@share" low="0.5" high="0.8"/>"#,
      #"<vary input="\#(phase)/branch[aterfall]@share" low="0.5" high="0.8"/>"#,
    ]
    let text = shipped.replacingOccurrences(
      of: "</scenario>",
      with: "  <uncertainty>\n    " + varies.joined(separator: "\n    ") + "\n  </uncertainty>\n</scenario>")
    let diagnostics = try check(text)
    #expect(
      located(diagnostics) == [
        "\(line(of: varies[2], in: text)): input '\(phase)/branch[aterfall]@share' is a second branch share of "
          + "'\(phase)' (first '\(phase)/branch[behaller_arbete]@share' on line \(line(of: varies[0], in: text))): "
          + "setting a share rescales the other branches to keep the sum at 1, so one share a phase can vary"
      ], "\(render(diagnostics))")
  }

  // MARK: Distributions

  @Test func anAttributeThatDoesNotBelongToTheDistribution() throws {
    let diagnostics = try check(
      uncertaintyScenario([
        #"<vary input="\#(wagePath)" distribution="normal" mean="25000" sd="2000" lower="0" mode="25000"/>"#,
        #"<vary input="\#(personsPath)" distribution="uniform" min="2" max="8" sd="1"/>"#,
        #"<vary input="adjustments@deadweight" low="0" high="0.4" min="0"/>"#,
      ]))
    #expect(
      located(diagnostics) == [
        "\(firstVaryLine): 'mode' is not used by a normal distribution (it takes mean, sd, lower, upper)",
        "\(firstVaryLine + 1): 'sd' is not used by a uniform distribution (it takes min, max)",
        "\(firstVaryLine + 2): 'min' belongs to a distribution: add distribution=\"…\" or remove it",
      ], "\(render(diagnostics))")
  }

  @Test func aMissingRequiredAttribute() throws {
    let diagnostics = try check(
      uncertaintyScenario([
        #"<vary input="\#(personsPath)" distribution="triangular" min="2" max="8"/>"#,
        #"<vary input="\#(wagePath)" distribution="lognormal" mean="25000"/>"#,
        #"<vary input="adjustments@deadweight" distribution="discrete" values="0 0.2"/>"#,
      ]))
    #expect(
      located(diagnostics) == [
        "\(firstVaryLine): a triangular distribution needs 'mode'",
        "\(firstVaryLine + 1): a lognormal distribution needs 'sd'",
        "\(firstVaryLine + 2): a discrete distribution needs 'probabilities'",
      ], "\(render(diagnostics))")
  }

  @Test func anInvalidDistribution() throws {
    let diagnostics = try check(
      uncertaintyScenario([
        #"<vary input="adjustments@deadweight" distribution="triangular" min="0.1" mode="0.9" max="0.5"/>"#,
        #"<vary input="\#(wagePath)" distribution="normal" mean="25000" sd="0" lower="0" upper="50000"/>"#,
        #"<vary input="adjustments@dropOff" distribution="discrete" values="0 0.2" probabilities="0.4 0.5"/>"#,
        #"<vary input="\#(personsPath)" distribution="uniform" min="8" max="2"/>"#,
      ]))
    #expect(
      located(diagnostics) == [
        "\(firstVaryLine): triangular: mode 0.9 is outside min 0.1 … max 0.5",
        "\(firstVaryLine + 1): normal: standardDeviation must be > 0",
        "\(firstVaryLine + 2): discrete: probabilities add up to 0.9, not 1",
        "\(firstVaryLine + 3): uniform: min 8 must be < max 2",
      ], "\(render(diagnostics))")
  }

  @Test func discreteValuesAndProbabilitiesMustPair() throws {
    let diagnostics = try check(
      uncertaintyScenario([
        #"<vary input="\#(personsPath)" distribution="discrete" values="2 4 8" probabilities="0.5 0.5"/>"#
      ]))
    #expect(
      located(diagnostics) == ["\(firstVaryLine): 'values' has 3 numbers but 'probabilities' has 2"],
      "\(render(diagnostics))")
  }

  @Test func aShareNeedsABoundedDistribution() throws {
    let unbounded = "is unbounded and can draw values outside it (truncate a normal with 'lower' and 'upper')"
    let diagnostics = try check(
      uncertaintyScenario([
        #"<vary input="adjustments@deadweight" distribution="normal" mean="0.2" sd="0.05"/>"#,
        #"<vary input="adjustments@dropOff" distribution="normal" mean="0.1" sd="0.05" lower="0"/>"#,
        #"<vary input="\#(extentPath)" distribution="lognormal" mean="0.8" sd="0.1"/>"#,
        #"<vary input="\#(wagePath)" distribution="normal" mean="25000" sd="2000"/>"#,
        // Allowed: truncated to the share's 0–1, and a value ≥ 0 bounded below at 0 or lognormal.
        #"<vary input="adjustments@attribution" distribution="normal" mean="0.1" sd="0.05" lower="0" upper="1"/>"#,
        #"<vary input="\#(personsPath)" distribution="normal" mean="4" sd="1" lower="0"/>"#,
        #"<vary input="measure/cost[budget]@amount" distribution="lognormal" mean="100000" sd="20000"/>"#,
      ]))
    #expect(
      located(diagnostics) == [
        "\(firstVaryLine): input 'adjustments@deadweight' is a share between 0 and 1, but normal(mean=0.2, sd=0.05) "
          + unbounded,
        "\(firstVaryLine + 1): input 'adjustments@dropOff' is a share between 0 and 1, but "
          + "normal(mean=0.1, sd=0.05, lower=0) " + unbounded,
        "\(firstVaryLine + 2): input '\(extentPath)' is a share between 0 and 1, but lognormal(mean=0.8, sd=0.1) "
          + unbounded,
        "\(firstVaryLine + 3): input '\(wagePath)' is a value of 0 or more, but normal(mean=25000, sd=2000) "
          + unbounded,
      ], "\(render(diagnostics))")
  }

  // MARK: The element's own attributes

  @Test func drawsAndSeedAreChecked() throws {
    let diagnostics = try check(
      uncertaintyScenario(
        [#"<vary input="\#(personsPath)" low="2" high="8"/>"#],
        attributes: #"draws="20000000" seed="18446744073709551616""#))
    #expect(
      located(diagnostics) == [
        "\(uncertaintyLine): 'draws' must be a whole number from 1 to 2000000",
        "\(uncertaintyLine): seed '18446744073709551616' is not a whole number from 0 to 2^64 − 1",
      ], "\(render(diagnostics))")
  }

  @Test func theElementComesLastAndNeedsAVary() throws {
    // After <followup> is the only place the schema allows.
    let misplaced = minimalScenario(
      extra: """
        <uncertainty><vary input="\(personsPath)" low="2" high="8"/></uncertainty>
          <goal id="g" label="Mål" targetShare="0.5" outcomes="arbete"/>
        """)
    let diagnostics = try check(misplaced)
    #expect(diagnostics.errors.count == 1, "\(render(diagnostics))")
    #expect(diagnostics.first?.location.line == uncertaintyLine + 1)
    #expect(diagnostics.first?.message.contains("goal") == true, "\(render(diagnostics))")

    let empty = try check(minimalScenario(extra: "<uncertainty draws=\"10\"/>"))
    #expect(empty.errors.count == 1, "\(render(empty))")
    #expect(empty.first?.location.line == uncertaintyLine)
  }

  // MARK: All problems at once

  @Test func everyProblemOfAFileIsReported() throws {
    // Problems found while reading the elements: each <vary> its own.
    let reading = try check(
      uncertaintyScenario([
        #"<vary input="\#(personsPath)" rate="kommunalskatt.kommunal" low="2" high="8"/>"#,
        #"<vary input="\#(wagePath)" low="30000" high="20000"/>"#,
        #"<vary input="adjustments@deadweight" distribution="normal" mean="0.2" sd="0.05" mode="0.2"/>"#,
        #"<vary rate="kommunalskatt.regionall" low="0.1" high="0.13"/>"#,
        #"<vary input="adjustments@dropOff" distribution="pert" min="0" mode="0.4" max="0.3"/>"#,
      ]))
    #expect(
      located(reading) == [
        "\(firstVaryLine): <vary> gives both 'input' and 'rate': one parameter per <vary>",
        "\(firstVaryLine + 1): 'low' 30000 must be below 'high' 20000",
        "\(firstVaryLine + 2): 'mode' is not used by a normal distribution (it takes mean, sd, lower, upper)",
        "\(firstVaryLine + 3): unknown rate 'kommunalskatt.regionall'; did you mean 'kommunalskatt.regional'?",
        "\(firstVaryLine + 4): pert: mode 0.4 is outside min 0 … max 0.3",
      ], "\(render(reading))")

    // Problems found against the scenario's inputs: each <vary> its own.
    let checking = try check(
      uncertaintyScenario([
        #"<vary input="outcome[arbte]@persons" low="2" high="8"/>"#,
        #"<vary input="\#(extentPath)" low="0.5" high="1.5"/>"#,
        #"<vary input="adjustments@deadweight" distribution="normal" mean="0.2" sd="0.05"/>"#,
      ]))
    #expect(checking.count == 3, "\(render(checking))")
    #expect(checking.map(\.location.line) == [firstVaryLine, firstVaryLine + 1, firstVaryLine + 2])
    #expect(checking.allSatisfy { $0.severity == .error })
    #expect(checking.first?.message.contains("did you mean '\(personsPath)'?") == true, "\(render(checking))")
  }
}
