/// The columns of the person-month follow-up format (docs/FOLLOWUP-FORMAT.md), as they appear in
/// the header. Required columns must be present; optional ones may be left out entirely.
public enum FollowupColumns {
  public static let required = [
    "person", "month", "situation", "extent", "sex", "birth_year", "municipality", "enrolment", "exit",
  ]
}
