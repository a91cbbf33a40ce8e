import Foundation
import SamkalkCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Deterministic synthetic follow-up data for tests and benchmarks: the same arguments give
/// the same bytes on every platform (``Xoshiro256StarStar`` seeded with `seed`, integer
/// arithmetic only).
///
/// Each person has `monthsPerPerson` consecutive months from a start month in 2021–2023:
/// twelve months before enrolment (month index 12), the measure, and the months after the exit
/// month (index `monthsPerPerson − 13`, at least 12). With 25 months a person has exactly a
/// 12-month before window, one measure month and a 12-month after window. Situations: before
/// försörjningsstöd (four monthly amounts), aktivitetsstöd, sjukersättning or
/// etableringsersättning; during aktivitetsstöd; after unsubsidised work (eleven wages),
/// nystartsjobb, lönebidrag, studier or försörjningsstöd; one month in ten in no income;
/// primary-care and psychiatric visits now and then.
public enum SyntheticFollowup {
  public static let header =
    "person,month,situation,extent,sex,birth_year,municipality,enrolment,exit,monthly_amount,wage,"
    + "subsidy_factor,subsidy_share,primarvard_lakarbesok,psykiatri_besok"

  static let municipalities = ["0180", "1480", "1280", "0380", "1780", "1290", "1293", "0880", "2480", "0580"]

  /// Writes `persons × monthsPerPerson` rows (plus the header) to `path`.
  public static func generate(persons: Int, monthsPerPerson: Int, seed: UInt64, to path: String)
    throws(DiagnosticError)
  {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else {
      throw DiagnosticError(
        .error("cannot create the file: \(String(cString: strerror(errno)))", at: SourceLocation(file: path)))
    }
    defer { close(descriptor) }
    var failure: String?
    generate(persons: persons, monthsPerPerson: monthsPerPerson, seed: seed) { chunk in
      guard failure == nil else { return }
      var written = 0
      while written < chunk.count {
        let result = chunk.withUnsafeBytes {
          Foundation.write(descriptor, $0.baseAddress! + written, chunk.count - written)
        }
        if result < 0 && errno == EINTR { continue }
        guard result > 0 else {
          failure = String(cString: strerror(errno))
          return
        }
        written += result
      }
    }
    if let failure { throw DiagnosticError(.error("cannot write: \(failure)", at: SourceLocation(file: path))) }
  }

  /// The same data in memory.
  public static func bytes(persons: Int, monthsPerPerson: Int, seed: UInt64) -> [UInt8] {
    var all: [UInt8] = []
    generate(persons: persons, monthsPerPerson: monthsPerPerson, seed: seed) { all.append(contentsOf: $0) }
    return all
  }

  /// Produces the file in chunks of about 1 MB.
  public static func generate(
    persons: Int, monthsPerPerson: Int, seed: UInt64, sink: ([UInt8]) -> Void
  ) {
    var random = Xoshiro256StarStar(seed: seed)
    var out: [UInt8] = []
    out.reserveCapacity(1 << 20 + 4096)
    out.append(contentsOf: header.utf8)
    out.append(10)
    let months = max(monthsPerPerson, 1)
    let enrolmentIndex = min(12, months - 1)
    let exitIndex = max(enrolmentIndex, months - 13)
    for person in 1...max(persons, 1) where persons > 0 {
      var id = Array("P0000000".utf8)
      var value = person
      var position = id.count - 1
      while value > 0 && position > 0 {
        id[position] = UInt8(48 + value % 10)
        value /= 10
        position -= 1
      }
      let sex = random.below(2) == 0 ? "kvinna" : "man"
      let birthYear = 1958 + Int(random.below(48))
      let municipality = municipalities[Int(random.below(UInt64(municipalities.count)))]
      let start = 2021 * 12 + Int(random.below(36))
      let enrolment = YearMonth(ordinal: start + enrolmentIndex)
      let exit = YearMonth(ordinal: start + exitIndex)
      let enrolmentDay = 1 + Int(random.below(28))
      let exitDay =
        exitIndex == enrolmentIndex
        ? enrolmentDay + Int(random.below(UInt64(29 - enrolmentDay))) : 1 + Int(random.below(28))
      let beforeKind = Int(random.below(4))
      let afterKind = Int(random.below(5))
      let amount = [6500, 8000, 9500, 11000][Int(random.below(4))]
      let wage = 24000 + 1000 * Int(random.below(11))
      let fixed =
        ",\(sex),\(birthYear),\(municipality),\(enrolment)-\(pad(enrolmentDay)),\(exit)-\(pad(exitDay)),"
      let fixedBytes = Array(fixed.utf8)
      for index in 0..<months {
        out.append(contentsOf: id)
        out.append(44)
        out.append(contentsOf: YearMonth(ordinal: start + index).description.utf8)
        out.append(44)
        var situation: String
        var extent = "1"
        var columns = ",,,"  // monthly_amount, wage, subsidy_factor, subsidy_share
        if index < enrolmentIndex {
          switch beforeKind {
          case 0:
            situation = "forsorjningsstod"
            columns = "\(amount),,,"
          case 1: situation = "aktivitetsstod"
          case 2:
            situation = "sjukersattning"
            extent = "0.5"
          default: situation = "etableringsersattning"
          }
        } else if index <= exitIndex {
          situation = "aktivitetsstod"
        } else {
          switch afterKind {
          case 0:
            situation = "arbete"
            columns = ",\(wage),,"
          case 1:
            situation = "nystartsjobb"
            columns = ",\(wage),1,"
          case 2:
            situation = "lonebidrag"
            columns = ",\(wage),,0.5"
          case 3: situation = "studier"
          default:
            situation = "forsorjningsstod"
            columns = "\(amount),,,"
          }
        }
        if random.below(10) == 0 {
          situation = "ingen_ersattning"
          extent = "1"
          columns = ",,,"
        }
        out.append(contentsOf: situation.utf8)
        out.append(44)
        out.append(contentsOf: extent.utf8)
        out.append(contentsOf: fixedBytes)
        out.append(contentsOf: columns.utf8)
        out.append(44)
        let visits = random.below(8)
        if visits == 0 { out.append(49) } else if visits == 1 { out.append(50) }
        out.append(44)
        if random.below(12) == 0 { out.append(49) }
        out.append(10)
      }
      if out.count >= 1 << 20 {
        sink(out)
        out.removeAll(keepingCapacity: true)
      }
    }
    if !out.isEmpty { sink(out) }
  }

  private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
