import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A plain TCP connection to 127.0.0.1, for requests the test clients cannot send (no `Host`,
/// an absolute-form target, a request that never ends). Every read has a receive timeout, so a
/// server that never answers fails the test instead of hanging it. The blocking calls run on a
/// dispatch queue, never on Swift's cooperative pool, where the server's handlers run.
final class RawHTTP: @unchecked Sendable {
  let socket: Int32

  init(port: Int, receiveTimeoutSeconds: Int = 20) throws {
    socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { throw RawError(message: "socket() failed") }
    var timeout = timeval(tv_sec: receiveTimeoutSeconds, tv_usec: 0)
    setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard result == 0 else {
      close(socket)
      throw RawError(message: "connect() to 127.0.0.1:\(port) failed")
    }
  }

  deinit { close(socket) }

  struct RawError: Error { var message: String }

  func send(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
  }

  /// ``readUntilClosedBlocking()`` off the cooperative pool.
  func readUntilClosed() async -> String? {
    await withCheckedContinuation { continuation in
      DispatchQueue.global().async { continuation.resume(returning: self.readUntilClosedBlocking()) }
    }
  }

  /// Everything the server sends until it closes the connection; nil when the receive timeout
  /// passed first (the server kept the connection open).
  func readUntilClosedBlocking() -> String? {
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
      if count == 0 { return String(decoding: received, as: UTF8.self) }
      if count < 0 {
        if errno == EINTR { continue }
        // ECONNRESET counts as closed; a timeout (EAGAIN) does not.
        return errno == ECONNRESET ? String(decoding: received, as: UTF8.self) : nil
      }
      received += buffer[0..<count]
    }
  }

  /// The status line's code of a response to `request` (sent with `Connection: close`).
  static func status(port: Int, _ request: String) async throws -> Int? {
    let connection = try RawHTTP(port: port)
    connection.send(request)
    guard let response = await connection.readUntilClosed() else { return nil }
    let parts = response.split(separator: " ", maxSplits: 2)
    return parts.count >= 2 ? Int(parts[1]) : nil
  }
}
