import SamkalkCore
import SamkalkEngine
import SamkalkRates

/// Why a person is left out of the results (docs/FOLLOWUP-FORMAT.md, "Missing data").
public enum ExclusionReason: String, CaseIterable, Hashable, Sendable {
  /// Without `keepPartial`: some months of the before window have no row.
  case beforeIncomplete = "before_incomplete"
  /// Without `keepPartial`: some months of the after window have no row.
  case afterIncomplete = "after_incomplete"
  /// Without `keepPartial`: both windows lack months.
  case bothIncomplete = "both_incomplete"
  /// With `keepPartial`: no row at all in the before window.
  case beforeEmpty = "before_empty"
  /// With `keepPartial`: no row at all in the after window.
  case afterEmpty = "after_empty"
  /// With `keepPartial`: no row in either window.
  case bothEmpty = "both_empty"

  public var explanation: String {
    switch self {
    case .beforeIncomplete: "months missing in the before window"
    case .afterIncomplete: "months missing in the after window"
    case .bothIncomplete: "months missing in both windows"
    case .beforeEmpty: "no month in the before window"
    case .afterEmpty: "no month in the after window"
    case .bothEmpty: "no month in either window"
    }
  }
}

/// One actor's or perspective's figures for one subgroup, in öre.
public struct FollowupFigure: Hashable, Sendable {
  public var perspective: Perspective
  /// The subgroup's persons' net over the before window (months and income tax).
  public var before: Money
  public var after: Money
  /// after − before.
  public var change: Money
  /// change ÷ the subgroup's persons, rounded half away from zero to the öre; `nil` without persons.
  public var changePerParticipant: Money?
  /// change × group size ÷ all included persons (the sample scaled to the whole group).
  public var scaledChange: Money
  /// The bootstrap percentile interval of ``scaledChange``; `nil` without a bootstrap.
  public var interval: ClosedRange<Money>?
}

/// The results of one subgroup: the whole sample, one sex, or one age band.
public struct FollowupSubgroup: Hashable, Sendable {
  public enum Kind: String, Hashable, Sendable {
    case total
    case sex
    case ageBand = "age_band"
  }

  /// `total`, `kvinna`, `man`, `ej_angivet`, or an age band such as `25-29`.
  public var id: String
  public var kind: Kind
  public var persons: Int
  /// One figure per perspective, in `Perspective.all` order.
  public var figures: [FollowupFigure]

  public func figure(_ perspective: Perspective) -> FollowupFigure? {
    figures.first { $0.perspective == perspective }
  }
}

/// A valued month: one distinct combination of municipality, situation, extent, overrides and
/// service counts, as the file writes them, with what it is worth to each actor.
public struct FollowupMonthValue: Sendable {
  /// The combination's fields, trimmed, by column name (municipality first).
  public var fields: [(String, String)] {
    zip(columns, texts).map { ($0, $1) }
  }
  public var columns: [String]
  public var texts: [String]
  /// Net per actor for one person-month, in `Actor.allCases` order.
  public var net: [Money]
  public var taxable: Money
  public var earned: Money
}

/// Everything a follow-up study found: counts, missing data, skipped lines and the figures.
public struct FollowupResult: Sendable {
  public var file: String
  /// The SHA-256 of the input's bytes as read (64 lowercase hexadecimal digits).
  public var sha256: String
  public var options: FollowupStudy.Options
  /// The rates date used (the option's, or January 1 of the latest municipal tax table's year).
  public var ratesDate: Day
  /// The group the sample is scaled to: the option's group size, or the included persons.
  public var groupSize: Int
  public var encoding: SwedishCSV.Encoding
  public var separator: Character
  public var bytes: Int

  /// Data rows read (the header and blank lines not counted).
  public var rowsRead: Int
  /// Rows that fell in a before or after window and were valued (of persons kept or not).
  public var rowsInWindows: Int
  /// Valid rows outside both windows (the measure's own months, or beyond the windows).
  public var rowsOutsideWindows: Int
  /// Lines skipped under `skipInvalid`, and the listed ones (at most `maxListedSkips`).
  public var skippedLines: Int
  public var skipped: [Diagnostic]

  /// Distinct persons with at least one valid row.
  public var personsRead: Int
  /// Persons in the results.
  public var personsIncluded: Int
  /// Of those, kept with incomplete windows under `keepPartial`.
  public var personsPartial: Int
  public var excluded: [ExclusionReason: Int]
  /// Distinct valued combinations (the size of the month cache) and municipalities.
  public var distinctValuations: Int
  public var municipalities: Int

  /// `total` first, then sex (`kvinna`, `man`, `ej_angivet` when present), then age bands.
  public var subgroups: [FollowupSubgroup]
  public var warnings: [Diagnostic]
  public var monthValues: [FollowupMonthValue]
  /// Every rate used, for provenance.
  public var ratesUsed: [UsedRate]

  public var total: FollowupSubgroup { subgroups[0] }
  public var personsExcluded: Int { excluded.values.reduce(0, +) }
}
