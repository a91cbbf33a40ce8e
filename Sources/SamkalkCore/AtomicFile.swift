import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a file all at once or not at all.
public enum AtomicFile {
  /// Writes to a temporary file in the same directory, then renames over the target: a failed
  /// run leaves no half file and keeps the previous report. Creates the directory if needed.
  /// Refuses to overwrite any path in `protectedPaths` (inputs).
  ///
  /// A path is protected when it names the same file as a protected path: the same absolute
  /// path after `.`/`..` and symbolic links are resolved, or the same device and inode (a hard
  /// link). The new file gets mode 0644.
  public static func write(_ bytes: [UInt8], to path: String, protectedPaths: [String] = [])
    throws(DiagnosticError)
  {
    try write(bytes, to: path, protectedPaths: protectedPaths, beforeRename: {})
  }

  /// The write with a hook that runs after the temporary file is complete and before the
  /// rename, so that tests can make a write fail at its last step.
  static func write(
    _ bytes: [UInt8], to path: String, protectedPaths: [String],
    beforeRename: () throws(DiagnosticError) -> Void
  ) throws(DiagnosticError) {
    let location = SourceLocation(file: path)
    if let input = protectedPaths.first(where: { sameFile(path, $0) }) {
      throw DiagnosticError(
        .error(
          "refusing to overwrite '\(input)': it is an input of this run; choose another output path",
          at: location)
      )
    }
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    let name = url.lastPathComponent
    guard !name.isEmpty, name != ".", name != ".." else {
      throw DiagnosticError(.error("not a file path", at: location))
    }
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw DiagnosticError(
        .error(
          "cannot create directory '\(directory)': \(error.localizedDescription)", at: location))
    }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      throw DiagnosticError(
        .error("cannot write the report: a directory has this name", at: location))
    }

    var template = Array((directory + "/." + name + ".tmp.XXXXXX").utf8CString)
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
    do {
      try beforeRename()
    } catch {
      unlink(temporary)
      throw error
    }
    guard rename(temporary, path) == 0 else {
      throw fail("cannot replace '\(path)': \(errorText())")
    }
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
