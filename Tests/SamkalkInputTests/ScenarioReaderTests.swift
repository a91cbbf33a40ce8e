import Foundation
import SamkalkCore
import SamkalkEngine
import SamkalkInput
import SamkalkRates
import Testing

@Suite struct ScenarioReaderTests {
  @Test func minimalScenarioIsClean() throws {
    let diagnostics = try check(minimalScenario())
    #expect(diagnostics.isEmpty, "\(render(diagnostics))")
  }

  @Test func severalProblemsAreAllReportedWithTheirLines() throws {
    let path = fixturePath("several-problems.xml")
    let diagnostics = try reader().check(path: path)
    let expected: [(Int, Diagnostic.Severity, String)] = [
      (2, .error, "scenario id 'Several Problems' must match"),
      (4, .error, "unknown municipality '9999' in the 2025 tax table"),
      (10, .error, "duplicate cost id 'budget' (first used on line 9)"),
      (10, .error, "cost 'budget' gives both 'amount' and 'fte'/'annualCostPerFte'"),
      (11, .error, "cost 'late' runs from month 20 for 6 months, past the horizon of 24 months"),
      (13, .error, "unknown financier 'samordningsforbunde'; did you mean 'samordningsforbund'?"),
      (16, .error, "unknown situation type 'forsorjningstod'; did you mean 'forsorjningsstod'?"),
      (17, .error, "'extent' 1.5 must be between 0 and 1"),
      (
        18, .error,
        "unknown service item 'tjanster.primarvard_lakarbesk'; did you mean 'tjanster.primarvard_lakarbesok'?"
      ),
      (
        20, .warning,
        "outcomes add up to 90 persons but the measure has 100 participants (10 not assigned)"
      ),
      (23, .error, "situation 'nystartsjobb' needs 'subsidyFactor'"),
      (25, .error, "the last phase of outcome 'arbete' must not have 'months'"),
      (26, .error, "situation 'arbete' needs 'wage'"),
      (29, .error, "duplicate outcome id 'arbete' (first used on line 21)"),
      (29, .error, "outcome 'arbete' starts in month 30, not within the horizon of 24 months"),
      (31, .error, "situation 'lonebidrag' needs 'subsidyShare'"),
      (
        35, .error,
        "unknown rate 'formaner.forsorjningsstod.per_hushallsmanadd'; did you mean 'formaner.forsorjningsstod.per_hushallsmanad'?"
      ),
      (
        36, .error,
        "unit 'kr/år' does not match the unit of 'formaner.forsorjningsstod.per_hushallsmanad', which is 'kr/månad'"
      ),
    ]
    #expect(diagnostics.count == expected.count, "\(render(diagnostics))")
    for (diagnostic, (line, severity, message)) in zip(diagnostics, expected) {
      // Every one with a column too: the start of its element.
      #expect(
        diagnostic.description.hasPrefix("\(path):\(line):") && diagnostic.location.column != nil
          && diagnostic.description.contains(": \(severity.rawValue): \(message)"),
        "\(diagnostic)")
    }
    // read(path:) throws the same list.
    #expect {
      try reader().read(path: path)
    } throws: { error in
      (error as? DiagnosticError)?.diagnostics == diagnostics
    }
  }

  @Test func unknownElementAndAttributeGetHints() throws {
    let text = """
      <?xml version="1.0" encoding="UTF-8"?>
      <scenario xmlns="urn:samkalk:scenario:1" version="1" id="test">
        <titel>Test</titel>
        <municipality code="1780"/>
        <rates date="2025-01-01"/>
        <start month="2025-01"/>
        <horizon years="3"/>
        <measure participants="10" months="12">
          <cost id="budget" label="Budget" amount="100000"/>
          <financing financier="kommun" share="1"/>
        </measure>
        <before>
          <situation type="forsorjningsstod" extnet="1"/>
        </before>
        <outcomes>
          <outcome id="a" persons="10"><phase><situation type="arbete" wage="25000"/></phase></outcome>
        </outcomes>
      </scenario>
      """
    // libxml2 stops checking the content of an element after its first misplaced child, so the
    // element and the attribute are checked in two files.
    let elementDiagnostics = try check(text, file: "hints.xml")
    #expect(elementDiagnostics.count == 1, "\(render(elementDiagnostics))")
    let element = try #require(elementDiagnostics.on(line: 3).first)
    #expect(element.severity == .error)
    #expect(
      element.message.hasPrefix("unknown or misplaced element 'titel'; did you mean 'title'?"))
    #expect(element.description.hasPrefix("hints.xml:3:3: error:"))

    let diagnostics = try check(
      text.replacingOccurrences(of: "titel>", with: "title>"), file: "hints.xml")
    #expect(diagnostics.count == 1, "\(render(diagnostics))")
    let attribute = try #require(diagnostics.on(line: 13).first)
    #expect(attribute.message.hasPrefix("unknown attribute 'extnet'; did you mean 'extent'?"))
    // At the attribute's own column, not its element's.
    #expect(attribute.description.hasPrefix("hints.xml:13:40: error:"))
  }

  @Test func schemaTypesAreChecked() throws {
    let diagnostics = try check(
      minimalScenario(measure: #"<measure participants="ten" months="-1">"#))
    #expect(diagnostics.errors.count == 2, "\(render(diagnostics))")
    #expect(diagnostics.allSatisfy { $0.location.line == 8 })
  }

  @Test func unknownSituationTypeGetsAHint() throws {
    let diagnostics = try check(
      minimalScenario(before: #"<situation type="aktivitetstod" extent="1"/>"#))
    #expect(diagnostics.count == 1, "\(render(diagnostics))")
    #expect(diagnostics.first?.location.line == 13)
    #expect(
      diagnostics.first?.message
        == "unknown situation type 'aktivitetstod'; did you mean 'aktivitetsstod'?")
    let none = try check(minimalScenario(before: #"<situation type="xyz"/>"#))
    #expect(none.first?.message == "unknown situation type 'xyz'")
  }

  @Test func sharesMustAddUpToOne() throws {
    let measure = try check(
      minimalScenario(
        financing:
          #"<financing financier="kommun" share="0.5"/><financing financier="region" share="0.3"/>"#
      ))
    #expect(measure.count == 1, "\(render(measure))")
    #expect(measure.first?.location.line == 8)
    #expect(measure.first?.message == "the financing shares of the measure add up to 0.8, not 1")

    // Per cost, and a share outside 0–1.
    let text = minimalScenario().replacingOccurrences(
      of: #"<cost id="budget" label="Budget" amount="100000"/>"#,
      with:
        #"<cost id="budget" label="Budget" amount="100000"><financing financier="region" share="1.2"/></cost>"#
        + "\n"
        + #"    <cost id="b2" label="B2" amount="1"><financing financier="region" share="0.7"/></cost>"#
    )
    let cost = try check(text)
    #expect(cost.map(\.location.line) == [9, 10], "\(render(cost))")
    #expect(cost[0].message.hasPrefix("'share' 1.2 must be between 0 and 1"))
    #expect(cost[1].message == "the financing shares of cost 'b2' add up to 0.7, not 1")

    // Within the tolerance of 1e-9, thirds add up.
    let thirds = try check(
      minimalScenario(
        financing:
          #"<financing financier="kommun" share="0.3333333333"/><financing financier="region" share="0.3333333333"/><financing financier="staten" share="0.3333333334"/>"#
      ))
    #expect(thirds.isEmpty, "\(render(thirds))")
  }

  @Test func outcomesNotAddingUpGiveAWarningNamingTheDifference() throws {
    let text = minimalScenario(
      measure: #"<measure participants="123" months="12">"#, persons: (100, 20))
    let diagnostics = try check(text)
    #expect(diagnostics.count == 1)
    let warning = try #require(diagnostics.first)
    #expect(warning.severity == .warning)
    #expect(warning.location.line == 15)
    #expect(
      warning.message
        == "outcomes add up to 120 persons but the measure has 123 participants (3 not assigned)")
    // A warning does not stop reading.
    let loaded = try reader().read(bytes: Array(text.utf8), file: "t.xml")
    #expect(loaded.warnings == diagnostics)
    #expect(loaded.scenario.outcomes.map(\.persons) == [100, 20])

    let over = try check(minimalScenario(persons: (8, 6)))
    #expect(
      over.first?.message
        == "outcomes add up to 14 persons but the measure has 10 participants (4 more than the participants)"
    )
  }

  @Test func costNeedsExactlyOneOfAmountOrFTE() throws {
    func diagnostics(_ cost: String) throws -> [Diagnostic] {
      try check(
        minimalScenario().replacingOccurrences(
          of: #"<cost id="budget" label="Budget" amount="100000"/>"#, with: cost))
    }
    let cases: [(String, String)] = [
      (#"<cost id="c" label="C"/>"#, "cost 'c' needs 'amount', or 'fte' and 'annualCostPerFte'"),
      (#"<cost id="c" label="C" fte="1"/>"#, "cost 'c' needs both 'fte' and 'annualCostPerFte'"),
      (#"<cost id="c" label="C" amount="-5"/>"#, "'amount' -5 must not be negative"),
      (
        #"<cost id="c" label="C" amount="1000000000000"/>"#,
        "'amount' 1000000000000 kr is not below the limit of 1e12 kr"
      ),
      (
        #"<cost id="c" label="C" amount="5" fte="1" annualCostPerFte="1"/>"#,
        "cost 'c' gives both 'amount' and"
      ),
    ]
    for (cost, message) in cases {
      let found = try diagnostics(cost)
      #expect(found.count == 1, "\(render(found))")
      #expect(found.first?.location.line == 9)
      #expect(found.first?.message.hasPrefix(message) == true, "\(render(found))")
    }
    // fte × annualCostPerFte × months / 12, months defaulting to the measure's 12.
    let text = minimalScenario().replacingOccurrences(
      of: #"<cost id="budget" label="Budget" amount="100000"/>"#,
      with: #"<cost id="staff" label="Staff" fte="1.5" annualCostPerFte="600000" startMonth="6"/>"#)
    let loaded = try reader().read(bytes: Array(text.utf8), file: "t.xml")
    let cost = try #require(loaded.scenario.measure.costs.first)
    #expect(cost.months == 6 && cost.startMonth == 6)
    #expect(cost.amount == Money(kronor: 450_000))
  }

  @Test func aKassaFromOctober2025NeedsPriorIncomeAndStep() throws {
    let before = """
      <situation type="a_kassa"/>
          <situation type="a_kassa" priorIncome="30000" step="1-100"/>
          <situation type="a_kassa" priorIncome="30000" step="dag 5"/>
          <situation type="a_kassa" monthlyAmount="15000"/>
          <situation type="forsorjningsstod" priorIncome="30000"/>
      """
    let text = minimalScenario(before: before).replacingOccurrences(
      of: #"<rates date="2025-01-01"/>"#, with: #"<rates date="2025-10-01"/>"#)
    let diagnostics = try check(text)
    // Line 13: both missing (two errors); 14: a before situation paid at one step for the whole
    // horizon (a warning); 15: an unknown step; 16 is fine; 17: no effect.
    #expect(diagnostics.map(\.location.line) == [13, 13, 14, 15, 17], "\(render(diagnostics))")
    #expect(
      diagnostics[0].message.hasPrefix(
        "situation 'a_kassa' on rates date 2025-10-01 (the rules from 2025-10-01) needs 'priorIncome'"))
    #expect(diagnostics[1].message.contains("needs 'step'"))
    #expect(diagnostics[2].severity == .warning)
    #expect(
      diagnostics[2].message
        == "this a_kassa phase has no end (it runs to the end of the horizon), but a step of the ersättningsperiod "
        + "is 100 ersättningsdagar (about 4.6 months full time): split it into phases at the step-downs")
    #expect(diagnostics[3].message.hasPrefix("unknown step 'dag 5'"))
    #expect(diagnostics[4].severity == .warning)
  }

  @Test func aKassaBeforeOctober2025IgnoresPriorIncomeWithAWarning() throws {
    let diagnostics = try check(minimalScenario(before: #"<situation type="a_kassa" priorIncome="30000"/>"#))
    #expect(diagnostics.map(\.location.line) == [13], "\(render(diagnostics))")
    #expect(diagnostics.first?.severity == .warning)
    #expect(diagnostics.first?.message.contains("before 2025-10-01 the grundbelopp is paid") == true)
  }

  @Test func studyGrantAndAKassaEntitlementAreRead() throws {
    let before = """
      <situation type="studier" grant="hogre"/>
          <situation type="aktivitetsstod" entitledToAKassa="true"/>
          <situation type="studier" grant="max"/>
          <situation type="forsorjningsstod" grant="hogre"/>
      """
    let diagnostics = try check(minimalScenario(before: before))
    #expect(diagnostics.map(\.location.line) == [15, 16], "\(render(diagnostics))")
    #expect(diagnostics[0].message.hasPrefix("unknown grant 'max'"))
    #expect(diagnostics[1].severity == .warning)
    let good = """
      <situation type="studier" grant="hogre"/>
          <situation type="aktivitetsstod" entitledToAKassa="true"/>
      """
    let loaded = try reader().read(bytes: Array(minimalScenario(before: good).utf8), file: "t.xml")
    let situations = loaded.scenario.before.situations
    #expect(situations[0].studyGrant == .hogre)
    #expect(situations[1].entitledToAKassa == true)
  }

  @Test func workSituationsNeedTheirInputs() throws {
    let before = """
      <situation type="nystartsjobb" wage="24000" subsidyFactor="3"/>
          <situation type="introduktionsjobb" wage="24000" subsidyShare="0.9"/>
          <situation type="sjukpenning"/>
          <situation type="forsorjningsstod" wage="100"/>
      """
    let diagnostics = try check(minimalScenario(before: before))
    #expect(diagnostics.map(\.location.line) == [13, 14, 15, 16], "\(render(diagnostics))")
    #expect(
      diagnostics[0].message.hasPrefix("subsidyFactor 3 is outside the nystartsjobb range 1–2.5"))
    #expect(
      diagnostics[1].message.hasPrefix(
        "subsidyShare 0.9 is above the introduktionsjobb maximum of 0.8"))
    #expect(diagnostics[2].message.hasPrefix("situation 'sjukpenning' needs 'annualIncome'"))
    #expect(diagnostics[3].severity == .warning)
  }

  @Test func scenarioRatesBecomeRateValues() throws {
    let rate =
      #"<rate key="formaner.forsorjningsstod.per_hushallsmanad" value="10500" unit="kr/månad" from="2025-01-01" source="Karlstads kommun, årsredovisning 2024"/>"#
    let loaded = try reader().read(bytes: Array(minimalScenario(extra: rate).utf8), file: "r.xml")
    let value = try #require(loaded.scenario.rateValues.first)
    #expect(value.key == "formaner.forsorjningsstod.per_hushallsmanad")
    #expect(value.amount == .number(10500))
    #expect(value.unit == .krPerManad)
    #expect(value.from == Day(year: 2025, month: 1, day: 1))
    #expect(value.status == .unconfirmed)
    #expect(value.source == RateSource(title: "Karlstads kommun, årsredovisning 2024"))
    #expect(
      value.origin
        == RateOrigin(layer: .scenario, location: SourceLocation(file: "r.xml", line: 27, column: 3)))

    let seen = rate.replacingOccurrences(of: "/>", with: #" status="SEEN" to="2025-12-31"/>"#)
    let loadedSeen = try reader().read(
      bytes: Array(minimalScenario(extra: seen).utf8), file: "r.xml")
    #expect(loadedSeen.scenario.rateValues.first?.status == .seen)
    #expect(loadedSeen.scenario.rateValues.first?.to == Day(year: 2025, month: 12, day: 31))

    // The source is required by the schema.
    let noSource = rate.replacingOccurrences(
      of: #" source="Karlstads kommun, årsredovisning 2024""#, with: "")
    let diagnostics = try check(minimalScenario(extra: noSource))
    #expect(
      diagnostics.count == 1 && diagnostics.first?.location.line == 27, "\(render(diagnostics))")
    #expect(diagnostics.first?.message.contains("source") == true)
  }

  @Test func phasesNeedMonthsExceptTheLast() throws {
    let text = minimalScenario().replacingOccurrences(
      of: """
            <phase>
                <situation type="arbete" extent="1" wage="25000"/>
              </phase>
        """,
      with: """
            <phase>
                <situation type="nystartsjobb" extent="1" wage="25000" subsidyFactor="1"/>
              </phase>
              <phase>
                <situation type="arbete" extent="1" wage="25000"/>
              </phase>
        """)
    let diagnostics = try check(text)
    #expect(diagnostics.count == 1, "\(render(diagnostics))")
    #expect(diagnostics.first?.location.line == 17)
    #expect(
      diagnostics.first?.message
        == "phase 1 of outcome 'arbete' needs 'months' (only the last phase lasts to the horizon)")
  }

  @Test func otherVersionsAndNamespacesAreRefused() throws {
    let version = try check(
      minimalScenario(root: #"xmlns="urn:samkalk:scenario:1" version="2" id="test""#))
    #expect(version.count == 1)
    #expect(
      version.first?.description
        == "t.xml:2:1: error: unsupported scenario format version '2'; this samkalk reads version 1")
    let namespace = try check(minimalScenario(root: #"version="1" id="test""#))
    #expect(namespace.count == 1)
    #expect(namespace.first?.message.contains("urn:samkalk:scenario:1") == true)
    let root = try check("<rates/>")
    #expect(root.first?.message.contains("expected 'scenario'") == true)
  }

  @Test func malformedXMLGivesALocatedError() throws {
    let text = minimalScenario().replacingOccurrences(of: "</before>", with: "</befor>")
    let diagnostics = try check(text)
    #expect(!diagnostics.isEmpty)
    #expect(diagnostics.allSatisfy { $0.severity == .error })
    #expect(diagnostics.contains { $0.location.line == 14 }, "\(render(diagnostics))")
  }

  @Test func truncatedFileGivesALocatedErrorAndNoCrash() throws {
    let bytes = try [UInt8](
      Data(contentsOf: URL(fileURLWithPath: scenarioPath("porten-2016-2018.xml"))))
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "samkalk-input-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    for length in [1, 100, bytes.count / 2, bytes.count - 20] {
      let path = directory.appendingPathComponent("cut-\(length).xml").path
      try Data(bytes[0..<length]).write(to: URL(fileURLWithPath: path))
      let diagnostics = try reader().check(path: path)
      #expect(!diagnostics.isEmpty)
      #expect(diagnostics.allSatisfy { $0.severity == .error && $0.location.file == path })
      #expect(diagnostics.contains { $0.location.line != nil }, "\(render(diagnostics))")
      #expect(throws: DiagnosticError.self) { try reader().read(path: path) }
    }
    let empty = directory.appendingPathComponent("empty.xml").path
    try Data().write(to: URL(fileURLWithPath: empty))
    #expect(try reader().check(path: empty).first?.message == "file is empty")
  }

  @Test func doctypeAndEntitiesAreRefused() throws {
    let text = """
      <?xml version="1.0"?>
      <!DOCTYPE scenario [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
      <scenario xmlns="urn:samkalk:scenario:1" version="1" id="x"><title>&xxe;</title></scenario>
      """
    let diagnostics = try check(text)
    #expect(!diagnostics.isEmpty)
    #expect(diagnostics.allSatisfy { $0.severity == .error })
    #expect(render(diagnostics).contains("DOCTYPE") || render(diagnostics).contains("ntity"))
    #expect(!render(diagnostics).contains("root:"))
  }

  @Test func missingFileIsADiagnostic() throws {
    let diagnostics = try reader().check(path: "/nonexistent/scenario.xml")
    #expect(diagnostics.map(\.description) == ["/nonexistent/scenario.xml: error: no such file"])
  }

  /// Issue 19: a group's optional birth year, for the age rules of the income tax.
  @Test func readsAGroupsBirthYearAndRefusesAnImpossibleOne() throws {
    let text = minimalScenario().replacingOccurrences(
      of: #"<outcome id="arbete" persons="4" startMonth="12">"#,
      with: #"<outcome id="arbete" persons="4" startMonth="12" birthYear="1958">"#)
    let loaded = try reader().read(bytes: Array(text.utf8), file: "t.xml")
    #expect(loaded.scenario.outcomes.map(\.birthYear) == [1958, nil])

    // Born after the scenario's start (2025) or more than 130 years before it: an error on the
    // outcome's line (16).
    for bad in ["2026", "1894"] {
      let diagnostics = try check(
        minimalScenario().replacingOccurrences(
          of: #"<outcome id="arbete" persons="4" startMonth="12">"#,
          with: #"<outcome id="arbete" persons="4" startMonth="12" birthYear="\#(bad)">"#))
      let error = try #require(diagnostics.errors.first, "\(bad)")
      #expect(error.location.line == 16)
      #expect(
        error.message == "birthYear '\(bad)' must be a whole number from 1895 to 2025", "\(bad)")
    }
  }
}
