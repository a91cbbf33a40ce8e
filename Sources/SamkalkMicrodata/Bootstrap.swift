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
///
/// Speed: a replicate first counts how often each person is drawn (random increments in a
/// 1-byte-a-person array that stays in the cache), then makes one sequential pass adding
/// count × change, which equals the sum over the draws exactly. Each person is one 8-lane
/// record (seven actors' changes and the person's cell), held as `Int32` öre when every change
/// fits (32 bytes a person) and as `Int64` otherwise; sums are `Int64`, so both layouts give
/// the same figures. Threads take replicates in a fixed interleaving and write each replicate's
/// statistics to its own row, so the result does not depend on the number of threads.
enum Bootstrap {
  /// Per group, per perspective, the interval in öre; `nil` without replicates or persons.
  /// `threads`: `nil` uses every active processor (at most 8).
  static func intervals(
    changes: [Int64], cells: [UInt8], groups: [[Int]], perspectives: [[Int]], groupSize: Int, replicates: Int,
    seed: UInt64, confidence: Double, threads: Int? = nil
  ) -> [[ClosedRange<Money>]]? {
    let n = cells.count
    guard replicates > 0, n > 0 else { return nil }
    let actors = Actor.allCases.count
    precondition(actors <= 7)
    let statistics = groups.count * perspectives.count
    var results = [Double](repeating: 0, count: replicates * statistics)
    let factor = Double(groupSize) / Double(n)
    let workers = min(max(threads ?? ProcessInfo.processInfo.activeProcessorCount, 1), 8, replicates)
    let fits = changes.allSatisfy { $0 >= Int64(Int32.min) && $0 <= Int64(Int32.max) }
    results.withUnsafeMutableBufferPointer { output in
      if fits {
        let records = pack(changes, cells: cells, actors: actors, as: Int32.self)
        replicate(
          records: records, n: n, groups: groups, perspectives: perspectives, factor: factor,
          replicates: replicates, seed: seed, workers: workers, output: output)
      } else {
        let records = pack(changes, cells: cells, actors: actors, as: Int64.self)
        replicate(
          records: records, n: n, groups: groups, perspectives: perspectives, factor: factor,
          replicates: replicates, seed: seed, workers: workers, output: output)
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

  /// Eight lanes a person: the actors' changes, then the cell.
  private static func pack<Lane: FixedWidthInteger>(
    _ changes: [Int64], cells: [UInt8], actors: Int, as: Lane.Type
  ) -> [Lane] {
    var records = [Lane](repeating: 0, count: cells.count * 8)
    for person in cells.indices {
      for actor in 0..<actors { records[person * 8 + actor] = Lane(changes[person * actors + actor]) }
      records[person * 8 + 7] = Lane(cells[person])
    }
    return records
  }

  /// Adds `count` × a person's record to the sums of the person's cell.
  @inline(__always)
  private static func add<Lane: FixedWidthInteger & SignedInteger>(
    _ count: Int64, _ record: UnsafePointer<Lane>, _ sums: UnsafeMutablePointer<Int64>
  ) {
    let target = sums + Int(record[7]) &* 8
    target[0] &+= count &* Int64(record[0])
    target[1] &+= count &* Int64(record[1])
    target[2] &+= count &* Int64(record[2])
    target[3] &+= count &* Int64(record[3])
    target[4] &+= count &* Int64(record[4])
    target[5] &+= count &* Int64(record[5])
    target[6] &+= count &* Int64(record[6])
  }

  private static func replicate<Lane: FixedWidthInteger & SignedInteger & SendableMetatype>(
    records: [Lane], n: Int, groups: [[Int]], perspectives: [[Int]], factor: Double, replicates: Int,
    seed: UInt64, workers: Int, output: UnsafeMutableBufferPointer<Double>
  ) {
    let statistics = groups.count * perspectives.count
    nonisolated(unsafe) let output = output
    records.withUnsafeBufferPointer { records in
      nonisolated(unsafe) let records = records.baseAddress!
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        let sums = UnsafeMutablePointer<Int64>.allocate(capacity: cellCount * 8)
        defer { sums.deallocate() }
        // How often each person is drawn: one byte a person, so the array stays in the core's
        // cache; a count past 255 carries into `carries` (rare: the mean count is 1).
        let counts = UnsafeMutablePointer<UInt8>.allocate(capacity: n)
        defer { counts.deallocate() }
        var carries: [Int: Int64] = [:]
        let bound = UInt64(n)
        var replicate = worker
        while replicate < replicates {
          var generator = Xoshiro256StarStar(seed: seed &+ UInt64(replicate) &* 0x9E37_79B9_7F4A_7C15)
          sums.initialize(repeating: 0, count: cellCount * 8)
          counts.initialize(repeating: 0, count: n)
          carries.removeAll(keepingCapacity: true)
          for _ in 0..<n {
            let person = Int(generator.below(bound))
            let count = counts[person] &+ 1
            counts[person] = count
            if count == 0 { carries[person, default: 0] += 256 }
          }
          for person in 0..<n {
            let count = Int64(counts[person])
            if count == 0 { continue }
            add(count, records + person &* 8, sums)
          }
          for (person, count) in carries { add(count, records + person &* 8, sums) }
          var statistic = replicate * statistics
          for group in groups {
            for members in perspectives {
              var total: Int64 = 0
              for cell in group { for actor in members { total &+= sums[cell * 8 + actor] } }
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
