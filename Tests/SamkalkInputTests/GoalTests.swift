import SamkalkCore
import SamkalkEngine
import SamkalkInput
import Testing

/// ESF goals in a scenario: `<goal id label targetShare outcomes/>` after the outcomes (line 27
/// of ``minimalScenario``).
@Suite struct GoalTests {
  @Test func aGoalIsRead() throws {
    let text = minimalScenario(
      extra: #"<goal id="arbete" label="Till arbete" targetShare="0.7" outcomes="arbete" source="mål"/>"#)
    let scenario = try reader().read(bytes: Array(text.utf8), file: "g.xml").scenario
    #expect(scenario.goals == [GoalSpec(id: "arbete", label: "Till arbete", targetShare: 0.7, outcomes: ["arbete"])])
    #expect(scenario.inputs.contains { $0.path == "goal[arbete]" })
  }

  @Test func unknownOutcomeAndBadShareAreErrorsOnTheirLine() throws {
    let text = minimalScenario(
      extra: #"<goal id="g" label="G" targetShare="1.5" outcomes="arbet"/>"#)
    let found = try check(text, file: "g.xml")
    #expect(
      found.on(line: 27).errors.contains { $0.message.contains("unknown outcome 'arbet'; did you mean 'arbete'?") })
    #expect(found.on(line: 27).errors.contains { $0.message.contains("targetShare") })
  }
}
