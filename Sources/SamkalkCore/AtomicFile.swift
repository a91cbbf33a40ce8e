import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a file, or a set of files, all at once or not at all.
///
/// A report is a set (the XML, the CSV, the HTML page, the workbook): a reader who finds a new
/// XML beside last week's CSV compares figures that never belonged together. So every file of a
/// set is first written completely to a temporary file beside its target (`.NAME.tmp.PID.XXXXXX`,
/// flushed to disk), and only when all of them are complete are they renamed over their targets,
/// one after another. A run that fails before that point (a full disk, a render error, a refused
/// path) removes its temporaries and leaves every earlier file as it was. A run killed while it
/// writes leaves temporaries behind; the next write of the same name removes those whose process
/// is gone.
///
/// | the run …                                   | the previous files | temporaries left |
/// |---------------------------------------------|--------------------|------------------|
/// | succeeds                                    | all replaced       | none             |
/// | fails writing any file (e.g. disk full)     | all unchanged      | none             |
/// | names an input of the run as a target       | all unchanged      | none             |
/// | is killed (-9) while writing temporaries    | all unchanged      | removed next run |
///
/// Only the renames at the end are not one step: a kill in the microseconds between two of them
/// leaves some targets new and some old (a rename itself is atomic, so no file is ever partial).
public enum AtomicFile {
  /// One file of a set: where it goes and its bytes.
  public struct Item: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
      self.path = path
      self.bytes = bytes
    }
  }

  /// Writes one file atomically: ``write(_:protectedPaths:)`` with a set of one.
  ///
  /// Refuses to overwrite any path in `protectedPaths` (inputs). A path is protected when it
  /// names the same file as a protected path: the same absolute path after `.`/`..` and symbolic
  /// links are resolved, or the same device and inode (a hard link). The new file gets mode 0644.
  public static func write(_ bytes: [UInt8], to path: String, protectedPaths: [String] = [])
    throws(DiagnosticError)
  {
    try write([Item(path: path, bytes: bytes)], protectedPaths: protectedPaths, beforeRename: {})
  }

  /// Writes every file of `items` or none: each is checked against `protectedPaths` and written
  /// to a complete temporary before the first target is replaced (see the table above).
  /// Creates the directories if needed. Two items may not name the same file.
  public static func write(_ items: [Item], protectedPaths: [String] = []) throws(DiagnosticError) {
    try write(items, protectedPaths: protectedPaths, beforeRename: {})
  }

  /// The write of one file with a hook that runs after the temporary file is complete and
  /// before the rename, so that tests can make a write fail at its last step.
  static func write(
    _ bytes: [UInt8], to path: String, protectedPaths: [String],
    beforeRename: () throws(DiagnosticError) -> Void
  ) throws(DiagnosticError) {
    try write([Item(path: path, bytes: bytes)], protectedPaths: protectedPaths, beforeRename: beforeRename)
  }

  /// The set write with the test hook, which runs once every temporary is complete.
  static func write(
    _ items: [Item], protectedPaths: [String], beforeRename: () throws(DiagnosticError) -> Void
  ) throws(DiagnosticError) {
    // Every check first: a refused set touches nothing.
    for (index, item) in items.enumerated() {
      try check(item.path, protectedPaths: protectedPaths)
      if let earlier = items[..<index].first(where: { sameFile($0.path, item.path) }) {
        throw DiagnosticError(
          .error(
            "two reports of this run would be written to the same file (also '\(earlier.path)')",
            at: SourceLocation(file: item.path)))
      }
    }
    var temporaries: [String] = []
    func removeTemporaries() { for temporary in temporaries { unlink(temporary) } }
    do {
      for item in items {
        try createDirectory(of: item.path)
        removeStaleTemporaries(of: item.path)
        temporaries.append(try writeTemporary(item.bytes, for: item.path))
      }
      try beforeRename()
    } catch {
      removeTemporaries()
      throw error
    }
    for (index, item) in items.enumerated() where rename(temporaries[index], item.path) != 0 {
      let reason = errorText()
      removeTemporaries()
      let replaced = items[..<index].map { "'\($0.path)'" }.joined(separator: ", ")
      throw DiagnosticError(
        .error(
          "cannot replace '\(item.path)': \(reason)"
            + (replaced.isEmpty ? "" : "; already replaced: \(replaced)"),
          at: SourceLocation(file: item.path)))
    }
    // The renames themselves reach the disk only when the directory is flushed.
    var flushed: Set<String> = []
    for item in items {
      let directory = directoryPath(of: item.path)
      if flushed.insert(directory).inserted { flushDirectory(directory) }
    }
  }

  /// Refuses a target that is an input of the run, lies inside an input folder, is not a file
  /// name, or is a directory. A protected path that is a folder (the shipped rate tables)
  /// protects every file below it.
  public static func check(_ path: String, protectedPaths: [String]) throws(DiagnosticError) {
    let location = SourceLocation(file: path)
    for input in protectedPaths {
      var status = stat()
      if stat(input, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
        let folder = canonical(input)
        if canonical(path).hasPrefix(folder == "/" ? "/" : folder + "/") {
          throw DiagnosticError(
            .error(
              "refusing to write into '\(input)': it holds inputs of this run; choose another output directory",
              at: location))
        }
      } else if sameFile(path, input) {
        throw DiagnosticError(
          .error(
            "refusing to overwrite '\(input)': it is an input of this run; choose another output directory",
            at: location))
      }
    }
    let name = URL(fileURLWithPath: path).lastPathComponent
    guard !name.isEmpty, name != ".", name != "..", !path.hasSuffix("/") else {
      throw DiagnosticError(.error("not a file path", at: location))
    }
    var status = stat()
    if lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
      throw DiagnosticError(.error("cannot write the report: a directory has this name", at: location))
    }
  }

  private static func directoryPath(of path: String) -> String {
    URL(fileURLWithPath: path).deletingLastPathComponent().path
  }

  private static func createDirectory(of path: String) throws(DiagnosticError) {
    let directory = directoryPath(of: path)
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw DiagnosticError(
        .error(
          "cannot create directory '\(directory)': \(error.localizedDescription)", at: SourceLocation(file: path)))
    }
  }

  /// The prefix of `path`'s temporaries: `.NAME.tmp.`, followed by the writing process's id.
  private static func temporaryPrefix(of path: String) -> String {
    "." + URL(fileURLWithPath: path).lastPathComponent + ".tmp."
  }

  /// Removes the temporaries of `path` left by runs that were killed: those whose process id
  /// names no running process (a concurrent run's temporaries are left alone).
  static func removeStaleTemporaries(of path: String) {
    let directory = directoryPath(of: path)
    let prefix = temporaryPrefix(of: path)
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
    for name in names where name.hasPrefix(prefix) {
      let rest = name.dropFirst(prefix.count)
      guard let dot = rest.firstIndex(of: "."), let pid = Int32(rest[..<dot]) else { continue }
      if kill(pid, 0) != 0 && errno == ESRCH {
        unlink(directory + "/" + name)
      }
    }
  }

  /// Writes `bytes` to a new temporary beside `path`, flushed and with mode 0644; returns its path.
  private static func writeTemporary(_ bytes: [UInt8], for path: String) throws(DiagnosticError) -> String {
    let location = SourceLocation(file: path)
    let directory = directoryPath(of: path)
    var template = Array((directory + "/" + temporaryPrefix(of: path) + "\(getpid()).XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else {
      throw DiagnosticError(
        .error("cannot create a temporary file in '\(directory)': \(errorText())", at: location))
    }
    let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    var closed = false
    func fail(_ message: String) -> DiagnosticError {
      if !closed { close(descriptor) }
      unlink(temporary)
      return DiagnosticError(.error(message, at: location))
    }
    var written = 0
    while written < bytes.count {
      let result = bytes.withUnsafeBytes { buffer in
        systemWrite(descriptor, buffer.baseAddress! + written, bytes.count - written)
      }
      if result < 0 {
        if errno == EINTR { continue }
        throw fail("cannot write '\(temporary)': \(errorText())")
      }
      written += result
    }
    guard fchmod(descriptor, 0o644) == 0 else {
      throw fail("cannot set the mode of '\(temporary)': \(errorText())")
    }
    guard fsync(descriptor) == 0 else { throw fail("cannot flush '\(temporary)': \(errorText())") }
    closed = true
    guard close(descriptor) == 0 else { throw fail("cannot close '\(temporary)': \(errorText())") }
    return temporary
  }

  private static func flushDirectory(_ directory: String) {
    let descriptor = open(directory, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    fsync(descriptor)
    close(descriptor)
  }

  /// Whether two paths name the same file (or would, once the first one exists).
  public static func sameFile(_ first: String, _ second: String) -> Bool {
    if canonical(first) == canonical(second) { return true }
    var a = stat()
    var b = stat()
    guard stat(first, &a) == 0, stat(second, &b) == 0 else { return false }
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino
  }

  /// The absolute path with `.`, `..` and symbolic links in existing parts resolved.
  public static func canonical(_ path: String) -> String {
    let url = URL(fileURLWithPath: path).standardizedFileURL
    let parent = url.deletingLastPathComponent().resolvingSymlinksInPath()
    let name = url.lastPathComponent
    let full = parent.appendingPathComponent(name)
    return full.resolvingSymlinksInPath().path
  }

  /// POSIX `write(2)` (the name `write` is taken by this type's methods).
  private static func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int)
    -> Int
  {
    #if canImport(Glibc)
      Glibc.write(descriptor, pointer, count)
    #else
      Darwin.write(descriptor, pointer, count)
    #endif
  }

  private static func errorText() -> String { String(cString: strerror(errno)) }
}
