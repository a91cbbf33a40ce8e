// Times the whole `samkalk run` process on a shipped scenario, as a user runs it.
//
// Usage: swift build -c release && .build/release/samkalk-benchmark [SCENARIO] [RUNS]
// Starts the release binary RUNS times (default 30) after two warm-up runs and prints the
// minimum, median and maximum wall-clock time in milliseconds.
import Foundation

let arguments = CommandLine.arguments
let scenario = arguments.count > 1 ? arguments[1] : "Scenarios/porten-2016-2018.xml"
let runs = arguments.count > 2 ? max(1, Int(arguments[2]) ?? 30) : 30
let binary = URL(fileURLWithPath: arguments[0]).deletingLastPathComponent().appendingPathComponent("samkalk").path
let output = FileManager.default.temporaryDirectory.appendingPathComponent("samkalk-benchmark-\(getpid())").path

guard FileManager.default.isExecutableFile(atPath: binary) else {
  FileHandle.standardError.write(Data("samkalk-benchmark: no samkalk binary beside this one at \(binary)\n".utf8))
  exit(2)
}

func runOnce() -> Double {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: binary)
  process.arguments = ["run", scenario, "--out", output]
  process.standardOutput = FileHandle.nullDevice
  process.standardError = FileHandle.nullDevice
  let start = DispatchTime.now().uptimeNanoseconds
  do { try process.run() } catch {
    FileHandle.standardError.write(Data("samkalk-benchmark: cannot start \(binary): \(error)\n".utf8))
    exit(2)
  }
  process.waitUntilExit()
  let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
  if process.terminationStatus != 0 {
    FileHandle.standardError.write(
      Data("samkalk-benchmark: samkalk run failed (status \(process.terminationStatus))\n".utf8))
    exit(1)
  }
  return elapsed
}

_ = runOnce()
_ = runOnce()
let times = (0..<runs).map { _ in runOnce() }.sorted()
try? FileManager.default.removeItem(atPath: output)
func ms(_ value: Double) -> String { String(format: "%.1f", value) }
print(
  "samkalk run \(scenario): \(runs) runs, min \(ms(times.first!)) ms, median \(ms(times[times.count / 2])) ms, max \(ms(times.last!)) ms"
)
