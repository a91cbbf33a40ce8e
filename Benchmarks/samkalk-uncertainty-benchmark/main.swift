import CMallocCounter
import Dispatch
import Foundation
import SamkalkCore
import SamkalkEngine
import SamkalkInput
import SamkalkRates
import SamkalkUncertainty

// samkalk-uncertainty-benchmark [SCENARIO.xml] [DRAWS] [RUNS]
//
// Times `MonteCarlo.run` (the whole analysis: draws, evaluation, summaries) with one thread
// and with two, and counts heap allocations per draw with two horizons: a draw that allocated
// per month would allocate about twice as much over 20 years as over 10.
//
// RUNS = 0 runs the draws once on one thread and prints nothing but the result: a run for
// `valgrind --tool=callgrind`, whose instruction count repeats where wall-clock times do not.
let arguments = CommandLine.arguments
let path = arguments.count > 1 ? arguments[1] : "Scenarios/porten-2016-2018-osakerhet.xml"
let draws = arguments.count > 2 ? Int(arguments[2])! : 100_000
let runs = arguments.count > 3 ? Int(arguments[3])! : 5

func seconds(_ body: () throws -> Void) rethrows -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  try body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func format(_ value: Double, _ decimals: Int = 3) -> String { DecimalText.format(value, decimals: decimals) }

do {
  let rates = try RateBook.shipped()
  let scenario = try ScenarioReader(rates: rates).read(path: path).scenario
  let engine = MonteCarlo(rates: rates)
  let varied = scenario.uncertainty.parameters.filter { $0.distribution != nil }.count
  print(
    "scenario \(scenario.id): \(scenario.population.rawValue), \(scenario.outcomes.count) outcome groups, "
      + "horizon \(scenario.horizonYears) years, \(varied) varied parameters, 7 actors")
  guard runs > 0 else {
    let society = try engine.run(scenario, draws: draws, seed: 1, threads: 1).distribution(for: .samhallet)
    print("\(draws) draws, 1 thread, once: society mean NPV \(format(society.meanNPV, 0)) kr")
    exit(0)
  }
  _ = try engine.run(scenario, draws: 2_000, seed: 1, threads: 2)  // warm-up

  for threads in [1, 2] {
    var times: [Double] = []
    var society = 0.0
    for run in 0..<runs {
      times.append(
        try seconds {
          society = try engine.run(scenario, draws: draws, seed: UInt64(run + 1), threads: threads)
            .distribution(for: .samhallet).meanNPV
        })
    }
    times.sort()
    print(
      "\(draws) draws, \(threads) thread(s), \(runs) runs: min \(format(times.first!)) s, "
        + "median \(format(times[times.count / 2])) s, max \(format(times.last!)) s "
        + "(\(format(times[times.count / 2] / Double(draws) * 1e6, 2)) µs a draw; society mean NPV "
        + "\(format(society, 0)) kr)")
  }

  guard samkalk_allocations_counted() != 0 else {
    print("allocations: not counted on this platform (needs glibc)")
    exit(0)
  }
  for years in [10, 20] {
    var horizon = scenario
    horizon.horizonYears = years
    func allocations(_ count: Int) throws -> UInt64 {
      let before = samkalk_allocations()
      _ = try engine.run(horizon, draws: count, seed: 1, threads: 1)
      return samkalk_allocations() - before
    }
    // The difference between two run lengths leaves out the fixed cost of a run.
    let small = try allocations(5_000)
    let large = try allocations(10_000)
    print(
      "allocations, horizon \(years) years (\(years * 12) months): "
        + "\(format(Double(large - small) / 5_000, 1)) per draw")
  }
} catch let error as DiagnosticError {
  print(error.description)
  exit(1)
}
