import SamkalkCore
import SamkalkEngine

/// A goal a scenario states for the ESF follow-up, e.g. "70 % to work or studies", with the
/// participants and those who reached it, by sex.
///
/// The scenario reader does not read goals yet; the writers take them as an argument. Proposed
/// scenario element: `<goal id="arbete_studier" label="…" targetShare="0.7"
/// outcomes="osubventionerat_arbete subventionerat_arbete studier"/>`, where `actual` is the sum
/// of the listed outcomes' persons per sex (their outcome subgroups) and `participants` the
/// measure's participants per sex.
public struct Goal: Hashable, Sendable {
  public var id: String
  public var label: String
  /// The share of participants expected to reach the goal (0–1).
  public var targetShare: Double
  /// Participants who reached the goal, by sex.
  public var actual: [Sex: Double]
  /// Participants, by sex.
  public var participants: [Sex: Double]
  /// Participants and those who reached the goal whose sex the scenario does not give; they
  /// count in the total only.
  public var unspecifiedParticipants: Double
  public var unspecifiedActual: Double

  public init(
    id: String, label: String, targetShare: Double, actual: [Sex: Double], participants: [Sex: Double],
    unspecifiedParticipants: Double = 0, unspecifiedActual: Double = 0
  ) {
    self.id = id
    self.label = label
    self.targetShare = targetShare
    self.actual = actual
    self.participants = participants
    self.unspecifiedParticipants = unspecifiedParticipants
    self.unspecifiedActual = unspecifiedActual
  }

  /// A scenario's goal counted from its outcomes: persons of the listed outcomes reached it;
  /// the outcomes' subgroups give the split by sex.
  public init(_ spec: GoalSpec, in scenario: Scenario) {
    var actual: [Sex: Double] = [:]
    var participants: [Sex: Double] = [:]
    var unspecifiedActual = 0.0
    var unspecifiedParticipants = 0.0
    for outcome in scenario.outcomes {
      let reached = spec.outcomes.contains(outcome.id)
      let shares =
        outcome.subgroups.isEmpty
        ? [SubgroupShare(subgroup: Subgroup(), persons: outcome.persons)] : outcome.subgroups
      for share in shares {
        if let sex = share.subgroup.sex {
          participants[sex, default: 0] += share.persons
          if reached { actual[sex, default: 0] += share.persons }
        } else {
          unspecifiedParticipants += share.persons
          if reached { unspecifiedActual += share.persons }
        }
      }
    }
    self.init(
      id: spec.id, label: spec.label, targetShare: spec.targetShare, actual: actual, participants: participants,
      unspecifiedParticipants: unspecifiedParticipants, unspecifiedActual: unspecifiedActual)
  }

  /// One row of the follow-up table: women, men or the total.
  public struct Row: Hashable, Sendable {
    /// `nil` for the total.
    public var sex: Sex?
    public var participants: Double
    /// targetShare × participants.
    public var expected: Double
    public var actual: Double
    /// actual − expected, in persons.
    public var deviation: Double
    /// actual / participants (0 without participants).
    public var actualShare: Double
    /// actualShare − targetShare (percentage points as a share).
    public var shareDeviation: Double
  }

  /// Women, men (each when given) and the total.
  public var rows: [Row] {
    func row(_ sex: Sex?, participants: Double, actual: Double) -> Row {
      let expected = targetShare * participants
      let share = participants > 0 ? actual / participants : 0
      return Row(
        sex: sex, participants: participants, expected: expected, actual: actual, deviation: actual - expected,
        actualShare: share, shareDeviation: share - targetShare)
    }
    var rows = Sex.allCases.filter { participants[$0] != nil || actual[$0] != nil }.map {
      row($0, participants: participants[$0] ?? 0, actual: actual[$0] ?? 0)
    }
    rows.append(
      row(
        nil, participants: participants.values.reduce(0, +) + unspecifiedParticipants,
        actual: actual.values.reduce(0, +) + unspecifiedActual))
    return rows
  }
}

/// The ESF follow-up table: expected against actual per goal, by sex, with the deviation.
struct GoalSection: HTMLSection {
  var goals: [Goal]

  func write(to html: HTMLWriter, context: HTMLContext) {
    guard !goals.isEmpty else { return }
    let s = context.strings
    let n = context.numbers
    html.open("section", [("id", "goals")])
    html.element("h2", text: s[.goals])
    for goal in goals {
      html.table(
        caption: "\(s[.goal]): \(goal.label) (\(s[.targetShare]) \(n.percent(goal.targetShare)))",
        header: [
          s[.sex], s[.participants], s[.expected], s[.actual], s[.deviation], "\(s[.actual]) (%)",
          "\(s[.deviation]) (%)",
        ],
        rows: goal.rows.map { row in
          let name = row.sex.map { $0 == .kvinna ? s[.women] : s[.men] } ?? s[.total]
          return [
            name, n.persons(row.participants), n.persons(row.expected), n.persons(row.actual),
            signed(n.persons(row.deviation), row.deviation), n.percent(row.actualShare, decimals: 1),
            signed(n.percent(row.shareDeviation, decimals: 1), row.shareDeviation),
          ]
        }, numeric: [1, 2, 3, 4, 5, 6], id: "goal-\(goal.id)")
    }
    html.close()
  }

  func signed(_ text: String, _ value: Double) -> String { value > 0 && !text.hasPrefix("+") ? "+" + text : text }
}
