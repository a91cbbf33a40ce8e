import SamkalkCore
import Testing

/// SHA-256 against the FIPS 180-4 / NIST CAVP example vectors, whole and fed in pieces.
@Suite struct SHA256Tests {
  static let vectors: [(String, String)] = [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
    (
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
    ),
  ]
  static let millionA = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"

  @Test func wholeBufferMatchesNISTVectors() {
    for (message, expected) in Self.vectors {
      #expect(SHA256.hex(of: Array(message.utf8)) == expected, "\(message)")
      #expect(SHA256.digest(of: Array(message.utf8)).count == 32)
    }
    #expect(SHA256.hex(of: [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)) == Self.millionA)
  }

  @Test func incrementalMatchesInEveryPieceSize() {
    for (message, expected) in Self.vectors {
      let bytes = Array(message.utf8)
      for piece in [1, 3, 55, 56, 63, 64, 65, 200] {
        var hasher = SHA256.Hasher()
        var start = 0
        while start < bytes.count {
          let end = min(start + piece, bytes.count)
          hasher.update(bytes[start..<end])
          start = end
        }
        #expect(hasher.count == UInt64(bytes.count))
        #expect(hasher.finalizeHex() == expected, "\(message) in pieces of \(piece)")
      }
    }
  }

  /// One million 'a' fed in many chunks of uneven sizes (the streaming reader's case).
  @Test func multiChunkMillionA() {
    let a = [UInt8](repeating: UInt8(ascii: "a"), count: 70_001)
    var hasher = SHA256.Hasher()
    var left = 1_000_000
    var sizes = [1, 63, 64, 65, 4096, 70_001, 127, 10_000]
    var next = 0
    while left > 0 {
      let size = min(sizes[next % sizes.count], left)
      a.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<size])) }
      left -= size
      next += 1
    }
    sizes.removeAll()
    #expect(hasher.finalizeHex() == Self.millionA)
  }
}
