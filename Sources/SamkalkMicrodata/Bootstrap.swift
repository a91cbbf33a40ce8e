import Dispatch
import Foundation
import SamkalkCore

/// The percentile bootstrap of the scaled per-actor changes (docs/FOLLOWUP-FORMAT.md).
///
/// Replicate r draws n persons with replacement from the n included persons, using
/// ``Xoshiro256StarStar`` seeded with `seed &+ r × 0x9E3779B97F4A7C15` (so replicate r is the
/// same whatever the number of threads), and computes each subgroup's scaled change
/// Σ(change of drawn persons in the subgroup) × group size ÷ n. The interval is the
/// nearest-rank percentiles (1 − c)/2 and (1 + c)/2 of the replicates: with 1 000 replicates
/// and c = 0.95, the 25th and 975th smallest values.
enum Bootstrap {
  /// Per group, per perspective, the interval in öre; `nil` without replicates or persons.
  static func intervals(
    changes: [Int64], cells: [UInt8], groups: [[Int]], perspectives: [[Int]], groupSize: Int, replicates: Int,
    seed: UInt64, confidence: Double
  ) -> [[ClosedRange<Money>]]? {
    let n = cells.count
    guard replicates > 0, n > 0 else { return nil }
    let actors = Actor.allCases.count
    let statistics = groups.count * perspectives.count
    var results = [Double](repeating: 0, count: replicates * statistics)
    let factor = Double(groupSize) / Double(n)
    let workers = min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8, replicates)
    // One 8-lane vector per person (seven actors and a zero), so a draw is one vector add.
    precondition(actors <= 8)
    var vectors = [SIMD8<Int64>](repeating: .zero, count: n)
    for person in 0..<n {
      for actor in 0..<actors { vectors[person][actor] = changes[person * actors + actor] }
    }
    results.withUnsafeMutableBufferPointer { output in
      nonisolated(unsafe) let output = output
      vectors.withUnsafeBufferPointer { changes in
        nonisolated(unsafe) let changes = changes
        cells.withUnsafeBufferPointer { cells in
          nonisolated(unsafe) let cells = cells
          DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var sums = [SIMD8<Int64>](repeating: .zero, count: cellCount)
            var replicate = worker
            while replicate < replicates {
              var generator = Xoshiro256StarStar(seed: seed &+ UInt64(replicate) &* 0x9E37_79B9_7F4A_7C15)
              for index in sums.indices { sums[index] = .zero }
              sums.withUnsafeMutableBufferPointer { sums in
                for _ in 0..<n {
                  let person = Int(generator.below(UInt64(n)))
                  sums[Int(cells[person])] &+= changes[person]
                }
              }
              var statistic = replicate * statistics
              for group in groups {
                for members in perspectives {
                  var total: Int64 = 0
                  for cell in group { for actor in members { total &+= sums[cell][actor] } }
                  output[statistic] = Double(total) * factor
                  statistic += 1
                }
              }
              replicate += workers
            }
          }
        }
      }
    }
    let lowRank = max(Int((Double(replicates) * (1 - confidence) / 2).rounded(.up)), 1)
    let highRank = min(Int((Double(replicates) * (1 + confidence) / 2).rounded(.up)), replicates)
    var intervals: [[ClosedRange<Money>]] = []
    var column = [Double](repeating: 0, count: replicates)
    for group in groups.indices {
      var row: [ClosedRange<Money>] = []
      for perspective in perspectives.indices {
        let statistic = group * perspectives.count + perspective
        for replicate in 0..<replicates { column[replicate] = results[replicate * statistics + statistic] }
        column.sort()
        let low = Money(ore: Int64(column[lowRank - 1].rounded(.toNearestOrAwayFromZero)))
        let high = Money(ore: Int64(column[highRank - 1].rounded(.toNearestOrAwayFromZero)))
        row.append(low...high)
      }
      intervals.append(row)
    }
    return intervals
  }
}
