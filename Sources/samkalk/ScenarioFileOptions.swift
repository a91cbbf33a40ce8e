import ArgumentParser
import Foundation
import SamkalkInput

/// The options of every command that reads scenarios: where a scenario's data files may lie.
struct ScenarioFileOptions: ParsableArguments {
  @Option(
    name: .customLong("data-dir"),
    help: ArgumentHelp(
      "The folder a scenario's <followup file=…> is read from (default: the scenario's own folder); "
        + "files outside it are refused.", valueName: "dir"))
  var dataDirectory: String?

  func validate() throws {
    guard let dataDirectory else { return }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: dataDirectory, isDirectory: &isDirectory), isDirectory.boolValue
    else { throw ValidationError("--data-dir '\(dataDirectory)' is not a folder") }
  }

  /// The reader's rule for the files a scenario names.
  var fileReferences: FileReferences {
    dataDirectory.map { .within(directory: $0) } ?? .withinScenarioFolder
  }
}
