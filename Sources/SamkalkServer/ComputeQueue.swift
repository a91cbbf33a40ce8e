import Dispatch
import Foundation
import Hummingbird

/// Runs the app's computations (reading and computing an upload, recomputing a changed form,
/// rendering a download) one at a time on a thread of their own, off Swift's cooperative pool.
///
/// A computation is synchronous and may take seconds; on the pool it held one of the machine's
/// few threads, so the start page waited behind an upload (15 s behind a file with 100 000
/// unknown attributes). Here the pool stays free for the light pages, and at most
/// ``maxWaiting`` computations wait (1 000: far more than a few users' browsers, few enough to
/// hold in memory): the next request gets 503 with a message instead of queueing without bound.
public final class ComputeQueue: @unchecked Sendable {
  /// Computations allowed to wait behind the running one.
  public let maxWaiting: Int
  private let queue = DispatchQueue(label: "samkalk.compute")
  private let lock = NSLock()
  private var inFlight = 0

  public init(maxWaiting: Int = 1_000) {
    self.maxWaiting = max(0, maxWaiting)
  }

  /// `work`'s result, computed on the queue; 503 when ``maxWaiting`` computations already wait.
  public func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
    let admitted = lock.withLock {
      guard inFlight <= maxWaiting else { return false }
      inFlight += 1
      return true
    }
    guard admitted else {
      throw HTTPError(
        .serviceUnavailable,
        message: "Servern räknar redan på \(maxWaiting + 1) förfrågningar. Försök igen om en stund.")
    }
    defer { lock.withLock { inFlight -= 1 } }
    return await withCheckedContinuation { continuation in
      queue.async { continuation.resume(returning: work()) }
    }
  }
}
