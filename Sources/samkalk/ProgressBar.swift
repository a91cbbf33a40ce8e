import SamkalkCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A progress bar on standard error, drawn only when standard error is a terminal (a log or a
/// pipe gets none), for the commands that run long: follow-up data and Monte Carlo.
enum ProgressBar {
  static var isTerminal: Bool { isatty(STDERR_FILENO) != 0 }

  /// `[#########                     ] 30 %`, ended with a new line when done.
  static func draw(done: Int, total: Int) {
    let share = total > 0 ? min(Double(done) / Double(total), 1) : 0
    let filled = Int(share * 30)
    FileHandleOutput.standardError(
      "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: 30 - filled) + "] "
        + "\(Int(share * 100)) %" + (done >= total ? "\n" : ""))
  }
}
