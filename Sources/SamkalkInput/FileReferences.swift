import Foundation
import SamkalkCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Which files on this machine a scenario may name (`<followup file=…>`), and how they resolve.
///
/// A scenario is a document that travels: one received by mail must not be able to make
/// `samkalk run` read `/etc/shadow` or `~/.ssh/id_rsa` and print part of it in an error. So a
/// scenario's data files are looked for only inside one folder, after `..` and symbolic links
/// are resolved:
///
/// | `file=`                    | scenario in `/s/porten.xml`, no `--data-dir` | with `--data-dir /data` |
/// |----------------------------|----------------------------------------------|-------------------------|
/// | `data/p.csv`               | `/s/data/p.csv`                              | `/data/data/p.csv`      |
/// | `../../etc/passwd`         | refused (outside `/s`)                       | refused                 |
/// | `/data/p.csv`              | refused (outside `/s`)                       | `/data/p.csv`           |
/// | `link.csv` → `/etc/passwd` | refused (its target lies outside)            | refused                 |
///
/// A path outside the folder is refused before anything is looked up there, so the error does
/// not even say whether such a file exists; the file must also be a regular file (not a FIFO,
/// device or directory).
public enum FileReferences: Sendable, Equatable {
  /// No file may be named (an upload to `samkalk serve`: the server's disk is not the user's).
  case refused
  /// Files inside the scenario file's own folder and its subfolders (the default).
  case withinScenarioFolder
  /// Files inside this folder and its subfolders (`--data-dir`); relative names resolve in it.
  case within(directory: String)

  /// The absolute path of `file` named by the scenario at `scenarioFile`, or why it is refused.
  public func resolve(_ file: String, scenarioFile: String) -> Result<String, FileReferenceError> {
    let folder: String
    switch self {
    case .refused: return .failure(.refused)
    case .withinScenarioFolder:
      folder = URL(fileURLWithPath: scenarioFile).deletingLastPathComponent().path
    case .within(let directory):
      folder = directory
    }
    let root = URL(fileURLWithPath: folder).standardizedFileURL
    let candidate =
      (file.hasPrefix("/") ? URL(fileURLWithPath: file) : URL(fileURLWithPath: file, relativeTo: root))
      .standardizedFileURL
    // First by the names alone, so that nothing outside the folder is ever looked up.
    guard Self.isInside(candidate.path, root.path) else { return .failure(.outside(folder: root.path)) }
    var status = stat()
    guard stat(candidate.path, &status) == 0 else { return .failure(.missing(candidate.path)) }
    // Then with the links resolved, so that a link inside cannot point outside.
    let realRoot = root.resolvingSymlinksInPath().path
    let realFile = candidate.resolvingSymlinksInPath().path
    guard Self.isInside(realFile, realRoot) else { return .failure(.outside(folder: root.path)) }
    switch status.st_mode & S_IFMT {
    case S_IFREG: return .success(candidate.path)
    case S_IFDIR: return .failure(.notRegular(candidate.path, "a directory"))
    default: return .failure(.notRegular(candidate.path, "not a regular file (a FIFO, device or socket)"))
    }
  }

  private static func isInside(_ path: String, _ folder: String) -> Bool {
    folder == "/" ? path.hasPrefix("/") : path.hasPrefix(folder + "/")
  }
}

/// Why a file named by a scenario is not read; the message names the file as the scenario gave it.
public enum FileReferenceError: Error, Sendable, Equatable {
  case refused
  case outside(folder: String)
  case missing(String)
  case notRegular(String, String)

  /// The message for `<followup file="name">`.
  public func message(for name: String) -> String {
    switch self {
    case .refused:
      "<followup> names a file on this machine, which this reader does not open (an upload to samkalk serve); "
        + "run the scenario with samkalk run on your own machine"
    case .outside(let folder):
      "the follow-up file '\(name)' lies outside the data folder \(folder): a scenario reads data files only "
        + "from its own folder and its subfolders; put the file there or name its folder with --data-dir"
    case .missing(let path): "the follow-up file '\(name)' does not exist (looked for \(path))"
    case .notRegular(let path, let what): "the follow-up file '\(name)' is \(what) (\(path))"
    }
  }
}
