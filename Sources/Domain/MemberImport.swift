import Foundation
import VietnameseText

/// Why a member list could not be read at all (no header row, no way to tell the villages).
public struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Member lists as clerks keep them in Excel or CSV, once read into rows of text (`SpreadsheetTable` in
/// Templating): a header row naming the columns (in Vietnamese, any case, with or without diacritics), then one
/// member per row. Rows that cannot be read are reported one by one; the others
/// are kept, so a clerk fixes only what is wrong.
public enum MemberImport {
    /// A problem with one row (1-based, as the spreadsheet numbers it) and, when known, one column.
    public struct RowProblem: Sendable, Equatable, CustomStringConvertible {
        public let row: Int
        public let column: String?
        public let message: String
        public var description: String {
            "Dòng \(row)" + (column.map { ", cột “\($0)”" } ?? "") + ": " + message
        }
    }

    public struct Result: Sendable, Equatable {
        /// One team per village, in the order villages first appear; a list without a village column gives one
        /// team for `defaultVillage`.
        public var teams: [Team]
        public var problems: [RowProblem]
    }

    /// The columns a member list may have, by their folded header names.
    enum Column: CaseIterable {
        case number, fullName, gender, position, role, address, villageInCharge, village, youthUnion, womensUnion, phone

        var headers: [String] {
            switch self {
            case .number: ["tt", "stt", "so tt"]
            case .fullName: ["ho ten", "ho va ten", "ten"]
            case .gender: ["gioi tinh", "gioi"]
            case .position: ["chuc vu"]
            case .role: ["vai tro", "ghi chu", "vai tro trong to"]
            case .address: ["dia chi", "noi o"]
            case .villageInCharge: ["phu trach thon", "phu trach"]
            case .village: ["thon", "to", "thon ap", "ap", "khom", "thon, ap", "thon/ap", "thon, to dan pho"]
            case .youthUnion: ["doan vien", "doan thanh nien"]
            case .womensUnion: ["hoi phu nu", "hoi vien phu nu", "phu nu"]
            case .phone: ["dien thoai", "so dien thoai", "sdt", "so dt"]
            }
        }
    }

    static func fold(_ text: String) -> String {
        AsciiFolding.fold(VietnameseCase.lower(UnicodeNormalization.cleaned(String(text))))
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Members from rows whose first non-empty row is the header.
    public static func members(from rows: [[String]], defaultVillage: Village? = nil) throws(ImportError) -> Result {
        guard let headerIndex = rows.firstIndex(where: { $0.contains { !$0.trimmingWhitespace().isEmpty } }) else {
            throw ImportError(message: "Tệp không có dòng nào.")
        }
        var columns: [Column: Int] = [:]
        var headers: [Column: String] = [:]
        for (index, cell) in rows[headerIndex].enumerated() {
            let key = fold(cell)
            guard let column = Column.allCases.first(where: { $0.headers.contains(key) }), columns[column] == nil else { continue }
            columns[column] = index
            headers[column] = String(cell.trimmingWhitespace())
        }
        guard columns[.fullName] != nil else {
            throw ImportError(message: "Dòng \(headerIndex + 1) phải là dòng tiêu đề có cột “Họ tên” (các cột khác: Giới tính, Chức vụ, Vai trò, Địa chỉ, Phụ trách thôn, Thôn, Đoàn viên, Hội Phụ nữ, Điện thoại).")
        }
        if columns[.village] == nil && defaultVillage == nil {
            throw ImportError(message: "Danh sách không có cột “Thôn”: hãy thêm cột này hoặc chọn thôn cho cả danh sách.")
        }
        var teams: [Team] = []
        var problems: [RowProblem] = []
        for rowIndex in rows.index(after: headerIndex)..<rows.count {
            let cells = rows[rowIndex]
            let rowNumber = rowIndex + 1
            func cell(_ column: Column) -> String {
                guard let index = columns[column], index < cells.count else { return "" }
                return UnicodeNormalization.cleaned(String(cells[index]))
            }
            func problem(_ column: Column?, _ message: String) {
                problems.append(RowProblem(row: rowNumber, column: column.flatMap { headers[$0] }, message: message))
            }
            if cells.allSatisfy({ $0.trimmingWhitespace().isEmpty }) { continue }
            let name = cell(.fullName)
            guard !name.isEmpty else {
                problem(.fullName, "chưa có họ tên; dòng này bị bỏ qua.")
                continue
            }
            var member = Member(fullName: name, position: cell(.position), address: cell(.address), villageInCharge: cell(.villageInCharge))
            switch fold(cell(.gender)) {
            case "": break
            case "nam": member.gender = .male
            case "nu": member.gender = .female
            default: problem(.gender, "“\(cell(.gender))” không phải Nam hoặc Nữ.")
            }
            switch fold(cell(.role)) {
            case "", "to vien", "thanh vien": break
            case "to truong": member.role = .leader
            case "to pho": member.role = .deputy
            default:
                // A "Ghi chú" column may hold other notes; only a column named "Vai trò" must hold a role.
                if let header = headers[.role], fold(header).hasPrefix("vai tro") {
                    problem(.role, "“\(cell(.role))” không phải Tổ trưởng, Tổ phó hoặc Tổ viên.")
                }
            }
            for (column, assign) in [(Column.youthUnion, { (m: inout Member, v: Bool) in m.youthUnion = v }),
                                     (Column.womensUnion, { (m: inout Member, v: Bool) in m.womensUnion = v })] {
                switch fold(cell(column)) {
                case "", "khong", "0", "false", "sai", "-": break
                case "x", "co", "1", "true", "dung", "v", "✓", "✔": assign(&member, true)
                default: problem(column, "“\(cell(column))” không rõ có hay không; ghi “x” hoặc “có” khi đúng, để trống khi không.")
                }
            }
            let phone = cell(.phone)
            if !phone.isEmpty {
                // Excel stores 0912345678 typed as a number without its leading zero.
                let digits = phone.filter(\.isNumber)
                member.phone = (digits.count == 9 && digits == phone) ? "0" + phone : phone
                if !PhoneNumber.isValid(member.phone!) {
                    problem(.phone, "số điện thoại “\(phone)” không hợp lệ (cần 10 chữ số, bắt đầu bằng 0).")
                }
            }
            let villageName = cell(.village)
            let village: Village
            if villageName.isEmpty {
                guard let defaultVillage else {
                    problem(.village, "chưa ghi thôn; dòng này bị bỏ qua.")
                    continue
                }
                village = defaultVillage
            } else {
                village = Village(name: villageName, kind: defaultVillage?.kind ?? "thôn")
            }
            if let index = teams.firstIndex(where: { fold($0.village.name) == fold(village.name) }) {
                teams[index].members.append(member)
            } else {
                teams.append(Team(village: village, members: [member]))
            }
        }
        return Result(teams: teams, problems: problems)
    }
}
