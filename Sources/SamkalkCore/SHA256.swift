/// SHA-256 (FIPS 180-4), for the provenance section of reports.
///
/// Reports name the exact scenario and rate files they were computed from by their SHA-256,
/// so that anyone can check that a report belongs to a given set of files. Implemented here
/// because Foundation on Linux has no CryptoKit and the hash is small.
public enum SHA256 {
  private static let k: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
  ]

  /// The digest of `bytes` as 64 lowercase hexadecimal digits.
  public static func hex<Bytes: Collection>(of bytes: Bytes) -> String where Bytes.Element == UInt8 {
    hexText(digest(of: bytes))
  }

  /// The 32-byte digest of `bytes`.
  public static func digest<Bytes: Collection>(of bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
    var hasher = Hasher()
    hasher.update(bytes)
    return hasher.finalize()
  }

  /// 64 lowercase hexadecimal digits of a digest.
  static func hexText(_ digest: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(digest.count * 2)
    for byte in digest {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// An incremental SHA-256: feed the message in pieces of any size, then finalize once.
  ///
  /// ```swift
  /// var hasher = SHA256.Hasher()
  /// hasher.update(firstChunk)
  /// hasher.update(secondChunk)
  /// let hex = hasher.finalizeHex()  // == SHA256.hex(of: firstChunk + secondChunk)
  /// ```
  public struct Hasher: Sendable {
    private var state: [UInt32] = [
      0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]
    /// The bytes of an incomplete block (fewer than 64).
    private var pending: [UInt8] = []
    /// Message bytes fed so far.
    public private(set) var count: UInt64 = 0

    public init() {}

    /// Adds bytes to the message.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
      guard let base = bytes.baseAddress, bytes.count > 0 else { return }
      count &+= UInt64(bytes.count)
      var offset = 0
      if !pending.isEmpty {
        let take = min(64 - pending.count, bytes.count)
        pending.append(contentsOf: UnsafeRawBufferPointer(start: base, count: take))
        offset = take
        guard pending.count == 64 else { return }
        let block = pending
        block.withUnsafeBytes { compress($0.baseAddress!, blocks: 1) }
        pending.removeAll(keepingCapacity: true)
      }
      let blocks = (bytes.count - offset) / 64
      if blocks > 0 { compress(base + offset, blocks: blocks) }
      offset += blocks * 64
      if offset < bytes.count {
        pending.append(contentsOf: UnsafeRawBufferPointer(start: base + offset, count: bytes.count - offset))
      }
    }

    /// Adds bytes to the message.
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
      let done: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
      if done == nil { Array(bytes).withUnsafeBytes { update($0) } }
    }

    /// The 32-byte digest of everything fed (the hasher is then spent: call it once).
    public mutating func finalize() -> [UInt8] {
      let bitLength = count &* 8
      var tail = pending
      tail.append(0x80)
      while tail.count % 64 != 56 { tail.append(0) }
      for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8((bitLength >> UInt64(shift)) & 0xff)) }
      tail.withUnsafeBytes { compress($0.baseAddress!, blocks: $0.count / 64) }
      pending.removeAll()
      return state.flatMap { word in (0..<4).map { UInt8((word >> UInt32(24 - $0 * 8)) & 0xff) } }
    }

    /// The digest as 64 lowercase hexadecimal digits.
    public mutating func finalizeHex() -> String { SHA256.hexText(finalize()) }

    private mutating func compress(_ data: UnsafeRawPointer, blocks: Int) {
      withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
        SHA256.k.withUnsafeBufferPointer { k in
          state.withUnsafeMutableBufferPointer { h in
            for block in 0..<blocks {
              let chunk = data + block * 64
              for i in 0..<16 { w[i] = UInt32(bigEndian: chunk.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)) }
              for i in 16..<64 {
                let s0 = rotate(w[i - 15], 7) ^ rotate(w[i - 15], 18) ^ (w[i - 15] >> 3)
                let s1 = rotate(w[i - 2], 17) ^ rotate(w[i - 2], 19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
              }
              var (a, b, c, d, e, f, g, hh) = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
              for i in 0..<64 {
                let s1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
                let choice = (e & f) ^ (~e & g)
                let temp1 = hh &+ s1 &+ choice &+ k[i] &+ w[i]
                let s0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
                let majority = (a & b) ^ (a & c) ^ (b & c)
                let temp2 = s0 &+ majority
                (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ temp1, c, b, a, temp1 &+ temp2)
              }
              h[0] &+= a
              h[1] &+= b
              h[2] &+= c
              h[3] &+= d
              h[4] &+= e
              h[5] &+= f
              h[6] &+= g
              h[7] &+= hh
            }
          }
        }
      }
    }
  }

  @inline(__always)
  private static func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 {
    (value >> count) | (value << (32 - count))
  }
}
