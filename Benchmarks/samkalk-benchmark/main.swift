// Times the whole `samkalk run` process on a shipped scenario, as a user runs it.
//
// Usage: swift build -c release && .build/release/samkalk-benchmark [SCENARIO] [RUNS]
// Starts the release binary beside this one RUNS times (default 50) after three warm-up runs,
// with posix_spawn and waitpid (Foundation's Process adds tens of milliseconds of its own),
// and prints the minimum, median, 90th percentile and maximum wall-clock time.
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

let arguments = CommandLine.arguments
let scenario = arguments.count > 1 ? arguments[1] : "Scenarios/porten-2016-2018.xml"
let runs = arguments.count > 2 ? max(1, Int(arguments[2]) ?? 50) : 50
let binary = URL(fileURLWithPath: arguments[0]).deletingLastPathComponent().appendingPathComponent("samkalk").path
let output = FileManager.default.temporaryDirectory.appendingPathComponent("samkalk-benchmark-\(getpid())").path

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("samkalk-benchmark: \(message)\n".utf8))
  exit(2)
}

guard FileManager.default.isExecutableFile(atPath: binary) else {
  fail("no samkalk binary beside this one at \(binary)")
}

/// Runs `samkalk run SCENARIO --out DIR` once with output sent to /dev/null; returns milliseconds.
func runOnce() -> Double {
  let argv = [binary, "run", scenario, "--out", output]
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  var cArguments = argv.map { strdup($0) } + [nil]
  defer { cArguments.forEach { free($0) } }
  var pid = pid_t()
  let start = DispatchTime.now().uptimeNanoseconds
  let spawned = posix_spawn(&pid, binary, &actions, nil, &cArguments, environ)
  guard spawned == 0 else { fail("cannot start \(binary): \(String(cString: strerror(spawned)))") }
  var status: Int32 = 0
  while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
  let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
  guard status == 0 else { fail("samkalk run \(scenario) failed (wait status \(status))") }
  return elapsed
}

for _ in 0..<3 { _ = runOnce() }
let times = (0..<runs).map { _ in runOnce() }.sorted()
try? FileManager.default.removeItem(atPath: output)
func ms(_ value: Double) -> String { String(format: "%.1f ms", value) }
print(
  "samkalk run \(scenario): \(runs) runs, min \(ms(times.first!)), median \(ms(times[times.count / 2])), "
    + "p90 \(ms(times[min(times.count - 1, times.count * 9 / 10)])), max \(ms(times.last!))")
