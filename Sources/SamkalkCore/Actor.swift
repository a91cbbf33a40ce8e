/// The seven actors whose costs and incomes samkalk models (docs/METHODS.md, "Actors and perspectives").
///
/// The raw value is the id used in scenario files, rate tables and reports.
public enum Actor: String, CaseIterable, Hashable, Comparable, Sendable {
  case individ
  case kommun
  case region
  case forsakringskassan
  case arbetsformedlingen
  case staten
  case arbetsgivare

  /// The Swedish name used in human-readable reports.
  public var swedishName: String {
    switch self {
    case .individ: "Individen"
    case .kommun: "Kommunen"
    case .region: "Regionen"
    case .forsakringskassan: "Försäkringskassan"
    case .arbetsformedlingen: "Arbetsförmedlingen"
    case .staten: "Staten (övrigt)"
    case .arbetsgivare: "Arbetsgivaren"
    }
  }

  /// Whether the actor belongs to the public sector (`offentlig_sektor`).
  public var isPublic: Bool {
    switch self {
    case .kommun, .region, .forsakringskassan, .arbetsformedlingen, .staten: true
    case .individ, .arbetsgivare: false
    }
  }

  /// The number of actors, kept once: `allCases` builds a new array on every call, and the
  /// Monte Carlo evaluation sizes its per-actor buffers every draw.
  public static let count = allCases.count

  /// The actor's position in ``allCases`` (0–6), for arrays indexed by actor.
  public var ordinal: Int {
    switch self {
    case .individ: 0
    case .kommun: 1
    case .region: 2
    case .forsakringskassan: 3
    case .arbetsformedlingen: 4
    case .staten: 5
    case .arbetsgivare: 6
    }
  }

  public static func < (lhs: Actor, rhs: Actor) -> Bool { lhs.ordinal < rhs.ordinal }
}

/// A point of view for results: one actor, the public sector, or society as a whole.
///
/// `offentlig_sektor` sums kommun, region, forsakringskassan, arbetsformedlingen and staten;
/// `samhallet` sums all seven actors, so transfers between them cancel.
public enum Perspective: Hashable, Sendable, CustomStringConvertible {
  case actor(Actor)
  case offentligSektor
  case samhallet

  /// Every perspective in report order: the seven actors, then the two aggregates.
  public static let all: [Perspective] =
    Actor.allCases.map { .actor($0) } + [.offentligSektor, .samhallet]

  /// The id used in reports (`kommun`, …, `offentlig_sektor`, `samhallet`).
  public var id: String {
    switch self {
    case .actor(let actor): actor.rawValue
    case .offentligSektor: "offentlig_sektor"
    case .samhallet: "samhallet"
    }
  }

  public init?(id: String) {
    switch id {
    case "offentlig_sektor": self = .offentligSektor
    case "samhallet": self = .samhallet
    default:
      guard let actor = Actor(rawValue: id) else { return nil }
      self = .actor(actor)
    }
  }

  /// The actors whose nets this perspective adds up.
  public var members: [Actor] {
    switch self {
    case .actor(let actor): [actor]
    case .offentligSektor: Actor.allCases.filter(\.isPublic)
    case .samhallet: Actor.allCases
    }
  }

  public var swedishName: String {
    switch self {
    case .actor(let actor): actor.swedishName
    case .offentligSektor: "Offentlig sektor"
    case .samhallet: "Samhället"
    }
  }

  public var description: String { id }
}
