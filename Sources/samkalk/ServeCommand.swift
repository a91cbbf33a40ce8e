import ArgumentParser
import Foundation
import SamkalkCore
import SamkalkRates
import SamkalkServer

/// `samkalk serve [--port 8080] [--scenarios DIR] [--rates FILE...] [--host 127.0.0.1]`
struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve a local web app for decision-makers: scenarios, changed assumptions, comparisons.",
    discussion: """
      Reads and computes every scenario in the folder, then serves http://HOST:PORT/ until stopped
      (Ctrl-C). Binds to 127.0.0.1 unless --host names another address; the app has no login, so
      serve on another address only on a network you trust. Uploads are kept in memory, never written.
      """)

  @Option(name: .long, help: ArgumentHelp("Port to listen on (0: any free port).", valueName: "port"))
  var port: Int = 8080

  @Option(name: .long, help: ArgumentHelp("Address to bind to.", valueName: "host"))
  var host: String = "127.0.0.1"

  @Option(name: .long, help: ArgumentHelp("Folder of scenario files to list.", valueName: "dir"))
  var scenarios: String = "Scenarios"

  @OptionGroup var rates: RatesOptions

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port \(port) is not a port (0–65535)") }
    guard !host.trimmed.isEmpty else { throw ValidationError("--host must name an address, e.g. 127.0.0.1") }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: scenarios, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw ValidationError("--scenarios '\(scenarios)' is not a folder")
    }
  }

  func run() throws {
    var state: AppState
    do {
      state = try AppState.load(scenarios: scenarios, rates: try rates.load(), samkalkVersion: SamkalkVersion.current)
      state.allowedHosts = AppState.allowedHosts(servingOn: host)
    } catch {
      DiagnosticPrinter.print(error.diagnostics)
      throw ExitCode.failure
    }
    for problem in state.catalog.problems { DiagnosticPrinter.print(problem.diagnostics) }
    if state.allowedHosts != AppState.loopbackHosts {
      FileHandleOutput.standardError(
        "warning: serving on \(host): anyone who can reach this address can use the app (it has no login)\n")
    }
    let host = self.host
    let count = state.catalog.entries.count
    let app = WebApp.application(state, host: host, port: port) { port in
      let shown = host.contains(":") ? "[\(host)]" : host
      FileHandleOutput.standardOutput("samkalk serve: http://\(shown):\(port)/ (\(count) scenarios; Ctrl-C stops)\n")
    }
    // The root command is synchronous; the server runs in a task and this thread waits for it.
    let outcome = ServerOutcome()
    Task {
      do { try await app.runService() } catch { outcome.finish(error) }
      outcome.finish(nil)
    }
    if let error = outcome.wait() {
      FileHandleOutput.standardError("error: the server stopped: \(error)\n")
      throw ExitCode.failure
    }
  }
}

/// How the server task ended, handed to the waiting command thread (a lock, not `Mutex`, which
/// needs macOS 15 while the package supports macOS 13).
private final class ServerOutcome: @unchecked Sendable {
  private let lock = NSLock()
  private let done = DispatchSemaphore(value: 0)
  private var error: (any Error)?
  private var finished = false

  func finish(_ error: (any Error)?) {
    lock.lock()
    defer { lock.unlock() }
    guard !finished else { return }
    finished = true
    self.error = error
    done.signal()
  }

  func wait() -> (any Error)? {
    done.wait()
    lock.lock()
    defer { lock.unlock() }
    return error
  }
}
