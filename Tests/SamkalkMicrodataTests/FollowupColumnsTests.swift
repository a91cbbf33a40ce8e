import SamkalkMicrodata
import Testing

@Suite struct FollowupColumnsTests {
  @Test func requiredColumnsAreTheDocumentedOnes() {
    #expect(FollowupColumns.required.first == "person")
    #expect(FollowupColumns.required.contains("enrolment"))
    #expect(Set(FollowupColumns.required).count == FollowupColumns.required.count)
  }
}
