import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Opens a file a run reads, refusing what is not a regular file.
///
/// Opening a FIFO for reading waits until something writes to it, so `samkalk run pipe.xml`
/// used to hang forever. The file is opened without waiting (`O_NONBLOCK`), checked with
/// `fstat`, and only a regular file is kept (with blocking reads restored):
///
/// | the path names …            | result                                          |
/// |-----------------------------|-------------------------------------------------|
/// | a regular file              | the descriptor and the file's size              |
/// | nothing                     | error: no such file                             |
/// | a directory                 | error: is a directory, not a file               |
/// | a FIFO, device or socket    | error: is not a regular file (a FIFO, device …) |
public enum InputFile {
  public static func open(path: String) throws(DiagnosticError) -> (descriptor: Int32, size: Int) {
    let location = SourceLocation(file: path)
    #if canImport(Glibc)
      let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    #else
      let descriptor = Darwin.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    #endif
    guard descriptor >= 0 else {
      let reason =
        errno == ENOENT ? "no such file" : "cannot open the file for reading (\(String(cString: strerror(errno))))"
      throw DiagnosticError(.error(reason, at: location))
    }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      close(descriptor)
      throw DiagnosticError(.error("cannot read the file's size", at: location))
    }
    switch status.st_mode & S_IFMT {
    case S_IFREG:
      _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
      return (descriptor, Int(status.st_size))
    case S_IFDIR:
      close(descriptor)
      throw DiagnosticError(.error("is a directory, not a file", at: location))
    default:
      close(descriptor)
      throw DiagnosticError(
        .error("is not a regular file (a FIFO, device or socket): give a file", at: location))
    }
  }
}
