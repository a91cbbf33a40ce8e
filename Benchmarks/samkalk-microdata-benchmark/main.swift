// Benchmark of person-month follow-up data: a deterministic generator, a timed run (reading,
// aggregation, bootstrap and writing the reports) and the per-combination values for the pandas
// baseline (Benchmarks/pandas_baseline.py).
//
//   samkalk-microdata-benchmark generate --persons 40000 --months 25 --seed 1 --out /tmp/f.csv
//   samkalk-microdata-benchmark run /tmp/f.csv [--out DIR] [--group-size N] [--bootstrap N] [--seed S]
//   samkalk-microdata-benchmark export-values /tmp/f.csv --out /tmp/values.csv
//   samkalk-microdata-benchmark sha256 /tmp/f.csv   (the hash alone, 1 MB chunks, one thread)
import Foundation
import SamkalkCore
import SamkalkMicrodata
import SamkalkRates
import SamkalkReports

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data((message + "\n").utf8))
  exit(2)
}

func now() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_MONOTONIC, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Peak resident set size in MB (getrusage ru_maxrss: kilobytes on Linux, bytes on macOS).
func peakRSS() -> Double {
  var usage = rusage()
  #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
  #else
    getrusage(RUSAGE_SELF, &usage)
  #endif
  #if os(Linux)
    return Double(usage.ru_maxrss) / 1024
  #else
    return Double(usage.ru_maxrss) / 1_048_576
  #endif
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard let mode = arguments.first else {
  fail("usage: samkalk-microdata-benchmark generate|run|export-values|sha256 …")
}
arguments.removeFirst()
var options: [String: String] = [:]
var positional: [String] = []
var index = 0
while index < arguments.count {
  let argument = arguments[index]
  if argument.hasPrefix("--") {
    guard index + 1 < arguments.count else { fail("\(argument) needs a value") }
    options[String(argument.dropFirst(2))] = arguments[index + 1]
    index += 2
  } else {
    positional.append(argument)
    index += 1
  }
}
@MainActor func integer(_ name: String, _ fallback: Int) -> Int {
  guard let text = options[name] else { return fallback }
  guard let value = Int(text) else { fail("--\(name) needs a whole number") }
  return value
}

do {
  switch mode {
  case "generate":
    let persons = integer("persons", 40000)
    let months = integer("months", 25)
    let seed = UInt64(integer("seed", 1))
    guard let out = options["out"] else { fail("generate needs --out FILE") }
    let start = now()
    try SyntheticFollowup.generate(persons: persons, monthsPerPerson: months, seed: seed, to: out)
    print(
      "wrote \(out): \(persons * months) rows (\(persons) persons × \(months) months), seed \(seed), "
        + String(format: "%.2f s", now() - start))
  case "sha256":
    guard let data = positional.first, let handle = FileHandle(forReadingAtPath: data) else {
      fail("sha256 needs a readable file")
    }
    let start = now()
    var hasher = SHA256.Hasher()
    while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(chunk) }
    let hex = hasher.finalizeHex()
    let seconds = now() - start
    print(
      "\(hex)  \(data): \(hasher.count) bytes, "
        + String(format: "%.3f s, %.0f MB/s", seconds, Double(hasher.count) / seconds / 1e6))
  case "run", "export-values":
    guard let data = positional.first else { fail("\(mode) needs the data file") }
    let ratesStart = now()
    let book = try RateBook.shipped()
    let ratesSeconds = now() - ratesStart
    var studyOptions = FollowupStudy.Options()
    studyOptions.groupSize = options["group-size"].map { Int($0) ?? 0 }
    studyOptions.bootstrapReplicates = integer("bootstrap", 1000)
    studyOptions.seed = UInt64(integer("seed", 1))
    let start = now()
    let result = try FollowupStudy(rates: book, options: studyOptions).run(path: data)
    let studied = now()
    if mode == "export-values" {
      guard let out = options["out"] else { fail("export-values needs --out FILE") }
      var text = (result.monthValues.first?.columns ?? []).joined(separator: ",")
      text += "," + Actor.allCases.map { "\($0.rawValue)_ore" }.joined(separator: ",") + "\n"
      for value in result.monthValues {
        text += value.texts.joined(separator: ",") + ","
        text += value.net.map { String($0.ore) }.joined(separator: ",") + "\n"
      }
      try Data(text.utf8).write(to: URL(fileURLWithPath: out))
      // Month-only totals (before tax) for checking the baseline against samkalk.
      print("wrote \(out): \(result.monthValues.count) valued combinations")
      break
    }
    let directory = options["out"] ?? NSTemporaryDirectory() + "samkalk-microdata-benchmark"
    let written = try FollowupReportWriter.write(
      result, formats: [.xml, .csv], samkalkVersion: "benchmark", directory: directory)
    let end = now()
    print(FollowupReport.summary(result), terminator: "")
    print(
      String(
        format: "rows %d, persons %d; rates loaded in %.3f s (not counted); read + aggregate + bootstrap %.3f s, "
          + "reports %.3f s; total %.3f s wall-clock; peak RSS %.1f MB",
        result.rowsRead, result.personsRead, ratesSeconds, studied - start, end - studied, end - start, peakRSS()))
    for path in written { print("wrote \(path)") }
  default:
    fail("unknown mode '\(mode)': generate, run or export-values")
  }
} catch let error as DiagnosticError {
  fail(error.description)
} catch {
  fail("\(error)")
}
