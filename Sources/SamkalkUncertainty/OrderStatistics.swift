/// The values at given ranks of a set of doubles in sorted order — the percentiles of a Monte
/// Carlo run's NPVs — found without sorting the values or moving them.
///
/// One pass counts the values in ``buckets`` equal-width buckets from the smallest value to
/// the largest; the counts tell which bucket holds each rank and how many smaller values lie
/// in the buckets before it. A second pass gathers the values of those few buckets, and only
/// they are selected among (``Swift/Array/select(_:in:)``). A value's bucket,
/// `min(buckets − 1, Int((value − lower) × scale))`, never decreases as the value grows (each
/// step of the floating-point arithmetic is monotone), so every value of a bucket is at most
/// every value of the buckets after it and the result is exactly the sorted order's. Two
/// branch-free passes cost less than selecting among all the values three times, where every
/// comparison with the pivot is a coin toss the processor mispredicts.
///
/// | values              | lower | upper | ranks   | result  |
/// |---------------------|-------|-------|---------|---------|
/// | 5 1 4 2 3           | 1     | 5     | 0, 2, 4 | 1, 3, 5 |
/// | 2 2 2 2             | 2     | 2     | 1       | 2       |
/// | −1e300 0 1e300      | −1e300| 1e300 | 1       | 0       |
enum OrderStatistics {
  /// Buckets of the counting pass: 100 000 draws give about 25 values a bucket.
  static let buckets = 4096

  /// The values at `ranks` (each in `0..<values.count`) of `values` sorted; `lower` and `upper`
  /// are the smallest and the largest value.
  static func values(at ranks: [Int], of values: UnsafeBufferPointer<Double>, lower: Double, upper: Double)
    -> [Double]
  {
    precondition(ranks.allSatisfy { values.indices.contains($0) }, "every rank is a position in the values")
    guard upper > lower else { return ranks.map { _ in lower } }
    let scale = Double(buckets) / (upper - lower)
    guard scale.isFinite && scale > 0 else {
      // A span too wide (or too narrow) for a finite scale: select among all the values.
      return ranks.map { rank in
        var all = Array(values)
        all.select(rank, in: all.indices)
        return all[rank]
      }
    }
    func bucket(_ value: Double) -> Int { Swift.min(buckets - 1, Int((value - lower) * scale)) }
    var counts = [Int](repeating: 0, count: buckets)
    for value in values { counts[bucket(value)] += 1 }
    // Per rank: its bucket and its rank among the bucket's values.
    var targets: [(bucket: Int, within: Int)] = []
    for rank in ranks {
      var before = 0
      var index = 0
      while before + counts[index] <= rank {
        before += counts[index]
        index += 1
      }
      targets.append((index, rank - before))
    }
    var slots = [Int](repeating: -1, count: buckets)
    var gathered: [[Double]] = []
    for target in targets where slots[target.bucket] < 0 {
      slots[target.bucket] = gathered.count
      gathered.append([])
      gathered[gathered.count - 1].reserveCapacity(counts[target.bucket])
    }
    for value in values {
      let slot = slots[bucket(value)]
      if slot >= 0 { gathered[slot].append(value) }
    }
    return targets.map { target in
      var candidates = gathered[slots[target.bucket]]
      candidates.select(target.within, in: candidates.indices)
      return candidates[target.within]
    }
  }
}
