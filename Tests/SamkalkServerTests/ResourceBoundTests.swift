import Dispatch
import Foundation
import Hummingbird
import HummingbirdTesting
import SamkalkCore
import SamkalkEngine
import SamkalkInput
import SamkalkServer
import Testing

/// The memory and time bounds of `samkalk serve` (issue 23, item 5).
@Suite struct ResourceBoundTests {
  /// The store forgets the oldest uploads when their group-months together pass the budget, and
  /// always keeps the newest.
  @Test func theUploadStoreKeepsAGroupMonthBudget() async throws {
    let state = try sharedState.get()
    let entry = try #require(state.catalog.entries.first)
    let weight = entry.result.scenario.groupMonths
    #expect(weight > 0)
    let store = UploadStore(capacity: 32, maxGroupMonths: 3 * weight)
    var ids: [String] = []
    for _ in 0..<5 { ids.append(await store.add(entry)) }
    #expect(await store.count == 3)
    #expect(await store.keptGroupMonths == 3 * weight)
    #expect(await store.entry(id: ids[0]) == nil)
    #expect(await store.entry(id: ids[1]) == nil)
    #expect(await store.entry(id: ids[4]) != nil)
    // A single entry above the budget is still kept (the reader bounds one scenario).
    let tiny = UploadStore(capacity: 32, maxGroupMonths: 1)
    let id = await tiny.add(entry)
    #expect(await tiny.entry(id: id) != nil)
    #expect(await tiny.count == 1)
    #expect(UploadStore().maxGroupMonths == 2 * Scenario.maxGroupMonths)
  }

  /// With one computation running and none allowed to wait, the next is refused with 503.
  @Test func theComputeQueueRefusesWhenFull() async throws {
    let queue = ComputeQueue(maxWaiting: 0)
    let started = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    let running = Task {
      try await queue.run {
        started.signal()
        release.wait()
        return 1
      }
    }
    await withCheckedContinuation { continuation in
      DispatchQueue.global().async {
        started.wait()
        continuation.resume()
      }
    }
    await #expect {
      try await queue.run { 2 }
    } throws: { error in
      (error as? HTTPError)?.status == .serviceUnavailable
    }
    release.signal()
    #expect(try await running.value == 1)
    // Free again once the first is done.
    #expect(try await queue.run { 3 } == 3)
  }
}
