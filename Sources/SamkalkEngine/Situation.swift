/// A "försörjningsform": what a person lives on in a month (docs/METHODS.md, "Situations").
///
/// The raw value is the id used in scenario files. What a month in each situation generates
/// (who pays whom, what is taxable, what counts as arbetsinkomst) is in
/// `SituationFlows.swift`; the amounts come from the rate tables.
public enum Situation: String, CaseIterable, Hashable, Sendable {
  case forsorjningsstod
  case etableringsersattning
  case aktivitetsstod
  case utvecklingsersattning
  case aKassa = "a_kassa"
  case sjukpenning
  case sjukersattning
  case aktivitetsersattning
  case arbete
  case nystartsjobb
  case introduktionsjobb
  case lonebidrag
  case skyddatArbeteOffentligt = "skyddat_arbete_offentligt"
  case samhall
  case studier
  case praktik
  case arbetstraning
  case ingenErsattning = "ingen_ersattning"

  /// Work with a wage paid by an employer (subsidised or not).
  public var isWork: Bool {
    switch self {
    case .arbete, .nystartsjobb, .introduktionsjobb, .lonebidrag, .skyddatArbeteOffentligt, .samhall: true
    default: false
    }
  }

  /// Work for which Arbetsförmedlingen pays the employer a wage subsidy.
  public var isSubsidisedWork: Bool { isWork && self != .arbete }
}
