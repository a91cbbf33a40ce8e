import Foundation
import Hummingbird
import HummingbirdTesting
import SamkalkCore
import SamkalkServer
import Testing

/// Against a real server on a loopback socket (port 0: any free port).
@Suite struct LiveServerTests {
  @Test func aRunningServerServesTheStartPageAndRefusesTraversal() async throws {
    let app = WebApp.application(try sharedState.get(), host: "127.0.0.1", port: 0)
    let files = try shippedScenarioFiles()
    try await app.test(.live) { client in
      #expect(client.port != nil && client.port != 0)
      try await client.execute(uri: "/", method: .get) { response in
        #expect(response.status == .ok)
        #expect(response.headers[.contentSecurityPolicy] == expectedCSP)
        for file in files { #expect(response.text.contains("/scenario/\(file.dropLast(4))")) }
      }
      try await client.execute(uri: "/scenario/..%2F..%2Fetc%2Fpasswd", method: .get) { response in
        #expect([.notFound, .badRequest].contains(response.status))
        #expect(response.headers[.contentSecurityPolicy] == expectedCSP)
      }
      let expected = try directResult("porten-2013-2015.xml") { $0.adjustments.dropOff = 0.1 }
      try await client.execute(uri: "/scenario/porten-2013-2015?apply=1&dropOff=10", method: .get) { response in
        #expect(response.status == .ok)
        #expect(
          response.text.dataNPV(id: "npv-changed-samhallet")
            == DecimalText.format(expected.result(for: .samhallet).npv, decimals: 2))
      }
    }
  }
}
