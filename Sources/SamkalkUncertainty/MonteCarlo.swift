import Dispatch
import Foundation
import SamkalkCore
import SamkalkEngine
import SamkalkRates

/// Runs the Monte Carlo analysis: every draw samples each distribution the scenario declares,
/// evaluates the scenario with ``DrawEvaluator`` and keeps each perspective's NPV and payback
/// month.
///
/// Draw `d` has a generator of its own, xoshiro256** seeded with SplitMix64 of the seed and
/// `d`, and the distributions are sampled in the order the scenario lists them; the draws are
/// worked through in blocks of ``blockSize`` by as many threads as asked, and every summary is
/// computed from the stored draws in draw order. So a seed gives the same figures, to the
/// last bit, whatever the number of threads.
public struct MonteCarlo {
  public var rates: RateBook
  public var taxMethod: any IncomeTaxMethod
  /// Draws per unit of work handed to a thread.
  public static let blockSize = 1024
  /// The most draws a run may ask for (``UncertaintySpec/maximumDraws``).
  public static let maximumDraws = UncertaintySpec.maximumDraws
  /// Bins of the NPV histograms.
  public static let histogramBins = 20

  public init(rates: RateBook, taxMethod: any IncomeTaxMethod = SKV433Method()) {
    self.rates = rates
    self.taxMethod = taxMethod
  }

  /// Runs `draws` draws with `threads` threads; `progress` is called now and then with the
  /// number of draws done (from worker threads).
  public func run(
    _ scenario: Scenario, draws: Int, seed: UInt64, threads: Int, progress: (@Sendable (Int) -> Void)? = nil
  ) throws(DiagnosticError) -> UncertaintyAnalysis {
    precondition(draws > 0 && draws <= Self.maximumDraws, "draws must be 1…\(Self.maximumDraws)")
    precondition(threads > 0, "at least one thread")
    let result = try Calculator(rates: rates, taxMethod: taxMethod).run(scenario)
    let space = try ParameterSpace(scenario: scenario, result: result)
    // In the order the scenario declares them: the order each draw samples them in.
    let varied = scenario.uncertainty.parameters.filter { $0.distribution != nil }.compactMap { declared in
      space.parameters.first { $0.id == declared.id }
    }
    let distributions = varied.map { $0.declared!.distribution! }
    // Each draw sets every varied value: when every setter overwrites what the last draw set, one
    // copy a thread serves all its draws (a fresh copy would copy every array a setter changes).
    let reusesPoint = varied.allSatisfy(\.overwrites)
    let store = DrawStore(draws: draws, parameters: varied.count)
    let blocks = (draws + Self.blockSize - 1) / Self.blockSize
    let work = WorkQueue(blocks: blocks)
    let workers = min(threads, blocks)
    let (rates, taxMethod) = (rates, taxMethod)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      // A scenario, evaluator and setters of its own (``Scenario/unsharedCopy()``), made by the
      // thread itself so that their storage comes from its own allocator arena: no storage, or
      // cache line of storage, whose reference count another thread changes at every draw.
      let copy = scenario.unsharedCopy()
      let base = EvaluationPoint(scenario: copy, overrides: RateOverrides())
      let appliers = varied.map(\.applier)
      let evaluator: DrawEvaluator
      do throws(DiagnosticError) {
        evaluator = try DrawEvaluator(rates: rates, scenario: copy, taxMethod: taxMethod)
      } catch {
        work.fail(draw: WorkQueue.beforeTheDraws, error)
        return
      }
      var workspace = DrawWorkspace()
      var point = base
      while let block = work.next() {
        let range = (block * Self.blockSize)..<min(draws, (block + 1) * Self.blockSize)
        for draw in range {
          var generator = Xoshiro256StarStar(seed: Self.seed(seed, draw: draw))
          if !reusesPoint { point = base }
          // By index, through the appliers: `for parameter in varied` would copy each
          // parameter, and retain all its strings, every draw.
          // Every value stored before any is set: a draw that fails names all its values (the
          // store is not zeroed, so an unset one would be read uninitialised).
          for index in varied.indices {
            store.setSample(distributions[index].sample(&generator), draw: draw, parameter: index)
          }
          do throws(DiagnosticError) {
            for index in varied.indices {
              do throws(ParameterValueError) {
                try appliers[index](store.sample(draw: draw, parameter: index), &point)
              } catch {
                throw varied[index].diagnostic(error, in: scenario)
              }
            }
            try evaluator.evaluate(point.scenario, overrides: point.overrides, into: &workspace)
          } catch {
            work.fail(draw: draw, error)
            return
          }
          store.set(npv: workspace.npv, payback: workspace.paybackMonth, draw: draw)
        }
        if let progress { progress(work.done(range.count)) }
      }
    }
    if let (draw, error) = work.failure {
      if draw == WorkQueue.beforeTheDraws { throw error }
      let values = varied.enumerated().map { index, parameter in
        "\(parameter.id) = \(DecimalText.format(store.sample(draw: draw, parameter: index), decimals: 6))"
      }
      throw DiagnosticError(
        error.diagnostics.map {
          Diagnostic(
            $0.severity, at: $0.location, "draw \(draw) (\(values.joined(separator: ", "))): \($0.message)")
        })
    }
    let mandate = scenario.mandatePeriodYears * 12
    // Each perspective summarised apart, by as many threads as the draws had: the summaries read
    // the stored draws only, so the figures are the same whatever the number.
    let summaries = SummaryStore(count: Perspective.all.count)
    let months = scenario.months
    DispatchQueue.concurrentPerform(iterations: min(threads, Perspective.all.count)) { worker in
      for index in Swift.stride(from: worker, to: Perspective.all.count, by: min(threads, Perspective.all.count)) {
        summaries.set(
          Self.summary(
            of: Perspective.all[index], index: index, store: store, mandateMonths: mandate, months: months),
          at: index)
      }
    }
    let perspectives = summaries.all
    let parameters = varied.enumerated().map { index, parameter in
      let distribution = parameter.declared!.distribution!
      var sum = 0.0
      for draw in 0..<draws { sum += store.sample(draw: draw, parameter: index) }
      return UncertainParameterSummary(
        id: parameter.id, baseValue: parameter.base, distribution: distribution.description, mean: distribution.mean,
        sampleMean: sum / Double(draws))
    }
    return UncertaintyAnalysis(
      scenarioID: scenario.id, title: scenario.title, draws: draws, seed: seed, mandateMonths: mandate,
      horizonYears: scenario.horizonYears, deterministicNPV: result.perspectives.map(\.npv), parameters: parameters,
      perspectives: perspectives)
  }

  /// The seed of draw `draw`'s own generator.
  static func seed(_ seed: UInt64, draw: Int) -> UInt64 {
    var mixer = SplitMix64(seed: seed ^ (UInt64(draw) &* 0xD1B5_4A32_D192_ED03))
    return mixer.next()
  }

  static func summary(of perspective: Perspective, index: Int, store: DrawStore, mandateMonths: Int, months: Int)
    -> PerspectiveDistribution
  {
    let draws = store.draws
    // The perspective's row of the store, read in place.
    let values = store.npvs(perspective: index)
    // Draws per payback month (0…months); the percentiles of the months count through it.
    var paybackCounts = [Int](repeating: 0, count: months + 1)
    // Sums of differences from the first draw: exact when every draw is the same (a scenario
    // without distributions), and no larger rounding than a plain sum otherwise.
    let first = values[0]
    var sum = 0.0
    var positive = 0
    var withinMandate = 0
    let years = (months + 11) / 12
    var byYear = [Int](repeating: 0, count: years + 1)
    var notWithin = 0
    var (lowest, highest) = (first, first)
    for draw in 0..<draws {
      let npv = values[draw]
      sum += npv - first
      lowest = min(lowest, npv)
      highest = max(highest, npv)
      if npv > 0 { positive += 1 }
      let month = store.payback(draw: draw, perspective: index)
      if month < 0 {
        notWithin += 1
      } else {
        paybackCounts[month] += 1
        if month <= mandateMonths { withinMandate += 1 }
        byYear[month == 0 ? 0 : min(years, (month + 11) / 12)] += 1
      }
    }
    let mean = first + sum / Double(draws)
    var squares = 0.0
    for value in values { squares += (value - mean) * (value - mean) }
    let deviation = draws > 1 ? (squares / Double(draws - 1)).squareRoot() : 0
    // The percentile's position in the sorted draws: the smallest value with at least that
    // share of the draws at or below it.
    func rank(_ count: Int, _ percent: Double) -> Int {
      max(0, Int((percent / 100 * Double(count)).rounded(.up)) - 1)
    }
    let percentiles = OrderStatistics.values(
      at: [5.0, 50, 95].map { rank(draws, $0) }, of: values, lower: lowest, upper: highest)
    let paid = draws - notWithin
    func paybackMonth(_ percent: Double) -> Int? {
      guard paid > 0 else { return nil }
      let position = rank(paid, percent)
      var counted = 0
      for month in 0...months {
        counted += paybackCounts[month]
        if counted > position { return month }
      }
      preconditionFailure("the counts add up to the draws that pay back")
    }
    let n = Double(draws)
    return PerspectiveDistribution(
      perspective: perspective, meanNPV: mean, standardDeviation: deviation, p5: percentiles[0], p50: percentiles[1],
      p95: percentiles[2], minimum: lowest, maximum: highest,
      probabilityPositiveNPV: Double(positive) / n, probabilityPaybackWithinMandate: Double(withinMandate) / n,
      probabilityPaybackWithinHorizon: Double(paid) / n,
      npvHistogram: histogram(values, lower: lowest, upper: highest), paybackByYear: byYear,
      paybackNotWithinHorizon: notWithin, paybackMonthP5: paybackMonth(5), paybackMonthP50: paybackMonth(50),
      paybackMonthP95: paybackMonth(95))
  }

  /// Equal-width bins from the smallest value `lower` to the largest `upper` (the largest
  /// falls in the last bin); one bin when every value is the same.
  static func histogram(_ values: UnsafeBufferPointer<Double>, lower: Double, upper: Double) -> Histogram {
    guard upper > lower else { return Histogram(lower: lower, upper: upper, counts: [values.count]) }
    var counts = [Int](repeating: 0, count: histogramBins)
    let width = (upper - lower) / Double(histogramBins)
    for value in values { counts[min(histogramBins - 1, Int((value - lower) / width))] += 1 }
    return Histogram(lower: lower, upper: upper, counts: counts)
  }
}

/// The draws' results, written by the worker threads at disjoint positions.
final class DrawStore: @unchecked Sendable {
  // @unchecked: each draw's slots are written by exactly one thread, and read only after
  // `concurrentPerform` has returned.
  let draws: Int
  private let perspectives = Perspective.all.count
  private let parameters: Int
  private let npvs: UnsafeMutableBufferPointer<Double>
  private let paybacks: UnsafeMutableBufferPointer<Int32>
  private let samples: UnsafeMutableBufferPointer<Double>

  init(draws: Int, parameters: Int) {
    self.draws = draws
    self.parameters = parameters
    npvs = .allocate(capacity: draws * perspectives)
    paybacks = .allocate(capacity: draws * perspectives)
    samples = .allocate(capacity: max(1, draws * parameters))
    // Not initialized here: every draw writes all its slots before anything reads them, and the
    // pages are then first touched by the thread that writes them, in parallel, rather than
    // zeroed by one thread before the draws (the setup of a 100 000-draw run took 15 ms with it, 5 without).
  }

  deinit {
    npvs.deallocate()
    paybacks.deallocate()
    samples.deallocate()
  }

  // Perspective by perspective (all draws of the first, then of the second, …): each summary
  // reads one contiguous row, not one value from every draw's cache line.
  func set(npv: [Double], payback: [Int], draw: Int) {
    for index in 0..<perspectives {
      npvs[index * draws + draw] = npv[index]
      paybacks[index * draws + draw] = Int32(payback[index])
    }
  }

  func setSample(_ value: Double, draw: Int, parameter: Int) { samples[draw * parameters + parameter] = value }
  func sample(draw: Int, parameter: Int) -> Double { samples[draw * parameters + parameter] }
  /// Every draw's NPV of one perspective, in draw order; valid while the store lives.
  func npvs(perspective: Int) -> UnsafeBufferPointer<Double> {
    UnsafeBufferPointer(rebasing: npvs[(perspective * draws)..<((perspective + 1) * draws)])
  }
  func payback(draw: Int, perspective: Int) -> Int { Int(paybacks[perspective * draws + draw]) }
}

/// The perspectives' summaries, each written by one thread at its own position.
final class SummaryStore: @unchecked Sendable {
  // @unchecked: every slot is written by exactly one thread, and read only after
  // `concurrentPerform` has returned.
  private let summaries: UnsafeMutableBufferPointer<PerspectiveDistribution?>

  init(count: Int) {
    summaries = .allocate(capacity: count)
    summaries.initialize(repeating: nil)
  }

  deinit {
    _ = summaries.deinitialize()
    summaries.deallocate()
  }

  func set(_ summary: PerspectiveDistribution, at index: Int) { summaries[index] = summary }

  var all: [PerspectiveDistribution] { summaries.map { $0! } }
}

/// Hands out blocks of draws to threads, counts the draws done and keeps the first failure.
final class WorkQueue: @unchecked Sendable {
  // @unchecked: every field is read and written under `lock`.
  private let lock = NSLock()
  private let blocks: Int
  private var nextBlock = 0
  private var finished = 0
  private var failed: (draw: Int, error: DiagnosticError)?

  /// The draw a failure is recorded at when a thread could not set up its evaluation (the
  /// error is then the scenario's, not a draw's); lower than every draw, so it is the one kept.
  static let beforeTheDraws = -1

  init(blocks: Int) { self.blocks = blocks }

  /// The next block to work on; `nil` when all are handed out or a draw has failed.
  func next() -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard failed == nil, nextBlock < blocks else { return nil }
    nextBlock += 1
    return nextBlock - 1
  }

  func done(_ count: Int) -> Int {
    lock.lock()
    defer { lock.unlock() }
    finished += count
    return finished
  }

  /// Records a failed draw; the lowest-numbered failure is the one reported, so the error does
  /// not depend on which thread got there first.
  func fail(draw: Int, _ error: DiagnosticError) {
    lock.lock()
    defer { lock.unlock() }
    if failed == nil || draw < failed!.draw { failed = (draw, error) }
  }

  var failure: (Int, DiagnosticError)? {
    lock.lock()
    defer { lock.unlock() }
    return failed.map { ($0.draw, $0.error) }
  }
}
