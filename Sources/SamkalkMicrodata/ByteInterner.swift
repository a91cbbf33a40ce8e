import Foundation

/// A hash of a byte string: eight bytes at a time, mixed by multiplication (not cryptographic).
@inline(__always)
func byteHash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
  let count = key.count
  var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)
  guard count > 0, let base = key.baseAddress else { return hash }
  let raw = UnsafeRawPointer(base)
  var index = 0
  while index + 8 <= count {
    let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
    hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
    hash ^= hash >> 32
    index += 8
  }
  var tail: UInt64 = 0
  var shift: UInt64 = 0
  while index < count {
    tail |= UInt64(base[index]) << shift
    shift += 8
    index += 1
  }
  hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
  return hash ^ (hash >> 29)
}

/// Maps byte strings to dense ids 0, 1, 2, … without building a `String` per lookup.
///
/// Open addressing over a power-of-two table; the keys live in one byte arena. The last id
/// found is tried first, since consecutive rows usually repeat a key (the same person).
struct ByteInterner {
  private var arena: [UInt8] = []
  private var starts: [Int] = []
  private var lengths: [Int32] = []
  private var hashes: [UInt64] = []
  private var slots: [Int32] = Array(repeating: -1, count: 64)
  private var last: Int = -1

  var count: Int { starts.count }

  /// The id of `key`, or `nil` when it has not been inserted.
  mutating func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
    let count = key.count
    if last >= 0, Int(lengths[last]) == count, equal(last, key) { return last }
    let hash = byteHash(key)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let id = Int(slots[slot])
      if id < 0 { return nil }
      if hashes[id] == hash, Int(lengths[id]) == count, equal(id, key) {
        last = id
        return id
      }
      slot = (slot + 1) & mask
    }
  }

  /// Inserts a key known to be absent and returns its new id.
  mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> Int {
    let id = starts.count
    let hash = byteHash(key)
    starts.append(arena.count)
    lengths.append(Int32(key.count))
    hashes.append(hash)
    arena.append(contentsOf: key)
    if starts.count * 2 > slots.count { grow() } else { place(id, hash) }
    last = id
    return id
  }

  /// The id of `key`, inserting it when new; `isNew` tells which.
  mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> (id: Int, isNew: Bool) {
    if let id = find(key) { return (id, false) }
    return (insert(key), true)
  }

  /// The bytes of an id's key.
  func bytes(_ id: Int) -> ArraySlice<UInt8> { arena[starts[id]..<(starts[id] + Int(lengths[id]))] }

  private func equal(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    guard key.count > 0 else { return true }
    return arena.withUnsafeBufferPointer { stored in
      memcmp(stored.baseAddress! + starts[id], key.baseAddress!, key.count) == 0
    }
  }

  private mutating func place(_ id: Int, _ hash: UInt64) {
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slots[slot] >= 0 { slot = (slot + 1) & mask }
    slots[slot] = Int32(id)
  }

  private mutating func grow() {
    slots = Array(repeating: -1, count: slots.count * 2)
    for id in 0..<starts.count { place(id, hashes[id]) }
  }
}
