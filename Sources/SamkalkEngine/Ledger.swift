import SamkalkCore

/// A double-entry ledger of monthly flows, and the invariant that checks it.
///
/// Each flow is recorded once and read twice, as the payer's cost and the payee's income, so
/// for every ledger: Σ over actors of net = Σ production − Σ resources, and transfers sum to
/// zero, to the öre. ``checkInvariant()`` verifies this from the flows and the per-actor
/// monthly totals, which are kept separately; a difference is a bug in samkalk and stops the run.
public struct Ledger: Sendable {
  public private(set) var flows: [Flow] = []
  /// Net (received − paid) per actor and month, kept alongside the flows; indexed by
  /// ``Actor/ordinal`` (an array, not a dictionary: every flow updates two of them).
  private var nets: [[Money]]
  public let months: Int
  /// Whether flows are kept (for the invariant, item totals and reports) or only the monthly
  /// nets (for the derived arms of subgroups and break-even, which need nothing else).
  public let keepsFlows: Bool

  public init(months: Int, keepsFlows: Bool = true) {
    self.months = months
    self.keepsFlows = keepsFlows
    nets = Array(repeating: Array(repeating: .zero, count: months), count: Actor.allCases.count)
  }

  /// One actor's net (received − paid) in each month of the horizon.
  public func monthlyNet(of actor: Actor) -> [Money] { nets[actor.ordinal] }

  /// Every actor's monthly net.
  public var monthlyNet: [Actor: [Money]] {
    Dictionary(uniqueKeysWithValues: Actor.allCases.map { ($0, nets[$0.ordinal]) })
  }

  /// Records a flow. Zero amounts are skipped; negative amounts are recorded as given (a
  /// negative flow reverses the direction) so that nothing is silently changed.
  public mutating func record(_ flow: Flow) {
    precondition(flow.month >= 0 && flow.month < months, "flow month \(flow.month) outside the horizon")
    precondition(flow.payer != flow.payee, "a flow needs two different parties")
    switch flow.kind {
    case .transfer:
      precondition(flow.payer != .outside && flow.payee != .outside, "a transfer is between two actors")
    case .resource:
      precondition(flow.payee == .outside, "a resource flow leaves to the outside")
    case .production:
      precondition(flow.payer == .outside, "production comes from the outside")
    }
    guard flow.amount != .zero else { return }
    if keepsFlows { flows.append(flow) }
    if case .actor(let payer) = flow.payer { nets[payer.ordinal][flow.month] -= flow.amount }
    if case .actor(let payee) = flow.payee { nets[payee.ordinal][flow.month] += flow.amount }
  }

  public mutating func record(
    month: Int, from payer: Party, to payee: Party, item: String, amount: Money, kind: FlowKind
  ) {
    record(Flow(month: month, payer: payer, payee: payee, item: item, amount: amount, kind: kind))
  }

  /// Totals of the ledger by kind, for the invariant and the reports.
  public struct Totals: Hashable, Sendable {
    public var production: Money = .zero
    public var resources: Money = .zero
    /// Σ over actors of transfers received − transfers paid: 0 in a reconciled ledger.
    public var transferBalance: Money = .zero
    public var transfers: Money = .zero
    public var flowCount = 0
  }

  public var totals: Totals {
    var totals = Totals()
    var transferNet: [Actor: Money] = [:]
    for flow in flows {
      totals.flowCount += 1
      switch flow.kind {
      case .production: totals.production += flow.amount
      case .resource: totals.resources += flow.amount
      case .transfer:
        totals.transfers += flow.amount
        if case .actor(let payer) = flow.payer { transferNet[payer, default: .zero] -= flow.amount }
        if case .actor(let payee) = flow.payee { transferNet[payee, default: .zero] += flow.amount }
      }
    }
    totals.transferBalance = transferNet.values.reduce(.zero, +)
    return totals
  }

  /// The net of one actor over all months, recomputed from the flows (not from `monthlyNet`).
  public func netFromFlows(of actor: Actor) -> Money {
    var net = Money.zero
    for flow in flows {
      if flow.payer == .actor(actor) { net -= flow.amount }
      if flow.payee == .actor(actor) { net += flow.amount }
    }
    return net
  }

  /// A violated invariant: the ledger does not reconcile.
  public struct InvariantViolation: Error, CustomStringConvertible, Sendable {
    public var description: String
  }

  /// Checks the invariant of docs/METHODS.md ("The ledger") exactly, in öre, two ways: from the flows and from the
  /// per-actor monthly totals.
  public func checkInvariant() throws(InvariantViolation) {
    precondition(keepsFlows, "the invariant is checked on ledgers that keep their flows")
    let totals = self.totals
    var sumOfNets = Money.zero
    for actor in Actor.allCases {
      let fromFlows = netFromFlows(of: actor)
      let fromMonths = nets[actor.ordinal].reduce(.zero, +)
      guard fromFlows == fromMonths else {
        throw InvariantViolation(
          description:
            "ledger does not reconcile for \(actor.rawValue): flows give \(fromFlows), months give \(fromMonths)"
        )
      }
      sumOfNets += fromMonths
    }
    guard sumOfNets == totals.production - totals.resources else {
      throw InvariantViolation(
        description:
          "Σ actor nets \(sumOfNets) ≠ Σ production \(totals.production) − Σ resources \(totals.resources)")
    }
    guard totals.transferBalance == .zero else {
      throw InvariantViolation(description: "transfers do not cancel: \(totals.transferBalance)")
    }
  }

  /// The net of an actor in each year of the horizon.
  public func yearlyNet(of actor: Actor) -> [Money] {
    let series = nets[actor.ordinal]
    return stride(from: 0, to: months, by: 12).map { start in
      series[start..<min(start + 12, months)].reduce(.zero, +)
    }
  }

  /// Totals per (item, payer, payee, kind) over the whole horizon, sorted, for reports.
  public var itemTotals: [ItemTotal] {
    var sums: [ItemTotal.Key: Money] = [:]
    for flow in flows {
      sums[ItemTotal.Key(item: flow.item, payer: flow.payer, payee: flow.payee, kind: flow.kind), default: .zero] +=
        flow.amount
    }
    return sums.map { ItemTotal(key: $0.key, amount: $0.value) }.sorted()
  }
}

/// The total of one kind of flow between two parties over the horizon.
public struct ItemTotal: Hashable, Sendable, Comparable {
  public struct Key: Hashable, Sendable {
    public var item: String
    public var payer: Party
    public var payee: Party
    public var kind: FlowKind
  }

  public var key: Key
  public var amount: Money

  public var item: String { key.item }
  public var payer: Party { key.payer }
  public var payee: Party { key.payee }
  public var kind: FlowKind { key.kind }

  public static func < (lhs: ItemTotal, rhs: ItemTotal) -> Bool {
    (lhs.item, lhs.payer.description, lhs.payee.description, lhs.kind.rawValue)
      < (rhs.item, rhs.payer.description, rhs.payee.description, rhs.kind.rawValue)
  }
}
