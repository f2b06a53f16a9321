import Foundation
import Testing
import VietnameseText

@Suite("Honorifics")
struct HonorificTests {
    @Test func titles() {
        #expect(Honorific.title(for: .male) == "Ông")
        #expect(Honorific.title(for: .female) == "Bà")
    }

    @Test func genderIsStoredWithoutDiacritics() throws {
        let genders = try JSONDecoder().decode([Gender].self, from: Data(#"["nam","nu"]"#.utf8))
        #expect(genders == [.male, .female])
        #expect(String(decoding: try JSONEncoder().encode([Gender.female]), as: UTF8.self) == #"["nu"]"#)
    }
}
