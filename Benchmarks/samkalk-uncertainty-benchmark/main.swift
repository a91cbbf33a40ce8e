import Foundation
import SamkalkCore
import SamkalkEngine
import SamkalkInput
import SamkalkRates

// Temporary: time DrawEvaluator on one scenario with a 10-year horizon.
let path = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "Scenarios/porten-2016-2018.xml"
let draws = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2])! : 20000
do {
  let rates = try RateBook.shipped()
  var scenario = try ScenarioReader(rates: rates).read(path: path).scenario
  scenario.horizonYears = 10
  let evaluator = try DrawEvaluator(rates: rates, scenario: scenario)
  var workspace = DrawWorkspace()
  let start = DispatchTime.now().uptimeNanoseconds
  var sum = 0.0
  for _ in 0..<draws {
    try evaluator.evaluate(scenario, overrides: RateOverrides(), into: &workspace)
    sum += workspace.npv.last!
  }
  let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  print("draws \(draws) in \(seconds) s: \(seconds / Double(draws) * 1e6) µs per draw (check \(sum / Double(draws)))")
} catch {
  print("\(error)")
  exit(1)
}
