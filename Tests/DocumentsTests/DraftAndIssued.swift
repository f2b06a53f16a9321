import Foundation
import Templating
import Testing
import TestSupport

/// The proof every template owes: its sample printed by LibreOffice as a draft (no number, no date) and as issued
/// (number and date set in `van_ban`), in both formats.
enum DraftAndIssued {
    struct Printed {
        let printed: LibreOffice.PrintedDocument
        let isDraft: Bool
        var text: String { printed.text }
        var name: String { printed.name }
        var pages: [[String]] { printed.pages }

        /// The number line is blank in a draft and `Số: 07/KH-UBND` once issued; the dated place line likewise.
        func expectNumberAndDate(code: String, number: String, place: String, year: Int, issued date: String,
                                 sourceLocation: SourceLocation = #_sourceLocation) {
            let (numberLine, dateLine) = isDraft
                ? ("Số: /\(code)", "\(place), ngày tháng năm \(year)") : ("Số: \(number)/\(code)", "\(place), \(date)")
            #expect(text.contains(numberLine), "\(numberLine) in \(name)", sourceLocation: sourceLocation)
            #expect(text.contains(dateLine), "\(dateLine) in \(name)", sourceLocation: sourceLocation)
        }
    }

    /// `render(json, format)` turns a data file into a document; the issued variant is the sample with
    /// `van_ban.so = number` and `van_ban.ngay_ban_hanh = date`.
    static func print(sample: Data, number: Int, date: String, prefix: String,
                      render: (Data, DocumentFormat) throws -> [UInt8]) throws -> [Printed] {
        var object = try JSONSerialization.jsonObject(with: sample) as! [String: Any]
        var issuance = object["van_ban"] as? [String: Any] ?? [:]
        issuance["so"] = number
        issuance["ngay_ban_hanh"] = date
        object["van_ban"] = issuance
        let issued = try JSONSerialization.data(withJSONObject: object)
        var documents: [(name: String, bytes: [UInt8])] = []
        for (json, state) in [(sample, "nhap"), (issued, "ban-hanh")] {
            for format in DocumentFormat.allCases {
                documents.append(("\(prefix)-\(state).\(format.rawValue)", try render(json, format)))
            }
        }
        return try LibreOffice.print(documents).map { Printed(printed: $0, isDraft: $0.name.hasPrefix("\(prefix)-nhap")) }
    }
}

/// A value inside template values by a dotted path whose numeric steps index lists: `chi_tieu.0.noi_dung`.
func templateValue(_ root: TemplateValue, _ path: String) -> TemplateValue? {
    var current: TemplateValue? = root
    for step in path.split(separator: ".") {
        switch current {
        case .object(let object): current = object[String(step)]
        case .list(let items): current = Int(step).flatMap { items.indices.contains($0) ? items[$0] : nil }
        default: return nil
        }
    }
    return current
}
