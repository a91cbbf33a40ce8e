import SamkalkCore

/// One side of a flow: an actor, or the world outside the seven actors.
///
/// Resources leave to `outside` (society loses them); production comes from `outside`
/// (society gains it).
public enum Party: Hashable, Sendable, CustomStringConvertible {
  case actor(Actor)
  case outside

  public var description: String {
    switch self {
    case .actor(let actor): actor.rawValue
    case .outside: "utanfor"
    }
  }
}

/// The three kinds of flow of docs/METHODS.md ("The ledger").
public enum FlowKind: String, Hashable, Sendable, CaseIterable {
  /// Money between two actors; cancels for society.
  case transfer
  /// Real resources used up: payer → outside.
  case resource
  /// Value created by work: outside → employer.
  case production
}

/// One economic event in one month: `payer` pays `amount` to `payee` for `item`.
public struct Flow: Hashable, Sendable {
  /// Month index from the scenario start.
  public var month: Int
  public var payer: Party
  public var payee: Party
  /// What the flow is for, e.g. `forsorjningsstod`, `lon`, `kommunalskatt`.
  public var item: String
  public var amount: Money
  public var kind: FlowKind

  public init(month: Int, payer: Party, payee: Party, item: String, amount: Money, kind: FlowKind) {
    self.month = month
    self.payer = payer
    self.payee = payee
    self.item = item
    self.amount = amount
    self.kind = kind
  }
}
