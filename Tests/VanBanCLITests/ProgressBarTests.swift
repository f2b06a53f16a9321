import Testing
@testable import vanban

@Suite("Progress bar")
struct ProgressBarTests {
    @Test("the bar fills with the share done and shows count, percent and the format")
    func line() {
        #expect(ProgressBar.line(label: "Tạo văn bản", done: 0, total: 1550, suffix: "DOCX", width: 10)
                == "Tạo văn bản [----------]    0/1550   0% DOCX")
        #expect(ProgressBar.line(label: "Tạo văn bản", done: 775, total: 1550, suffix: "ODT", width: 10)
                == "Tạo văn bản [#####-----]  775/1550  50% ODT")
        #expect(ProgressBar.line(label: "Chuyển sang PDF", done: 6, total: 6, suffix: "", width: 10)
                == "Chuyển sang PDF [##########] 6/6 100%")
    }
}
