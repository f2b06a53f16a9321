import Foundation
import Templating

/// `templates/FIELDS.md`: every field of every template of the document set, with its shape as the template uses it
/// and its meaning as the kind fills it. Generated (`vanban fields --catalog`), and checked by a test, so that it
/// cannot drift from the templates.
public enum FieldCatalog {
    /// Meanings of the fields every kind fills through `DocumentHeader`.
    static let common: [String: String] = [
        "co_quan_chu_quan": "Cơ quan chủ quản, dòng đầu bên trái (`UBND huyện Cao Lộc`); trống khi không có.",
        "loai_xa": "Loại đơn vị hành chính của cơ quan ban hành: `xã`, `phường`, `thị trấn` (hoặc `tỉnh` cho văn bản của tỉnh).",
        "ten_xa": "Tên xã (`Gia Cát`).",
        "dia_danh": "Địa danh ở dòng ngày tháng (`Gia Cát, ngày …`).",
        "nam": "Năm của văn bản: dòng ngày tháng của bản nháp để trống ngày, tháng và ghi năm này.",
        "so_van_ban": "Số văn bản (`05`), có số 0 đứng trước khi nhỏ hơn 10; không có trong bản nháp (hệ thống cấp khi ký).",
        "ngay_ban_hanh": "Ngày ban hành (`2025-01-05`); không có trong bản nháp (hệ thống ghi khi ký).",
        "can_cu": "Các dòng căn cứ pháp lý, mỗi dòng kết thúc bằng `;`, dòng cuối của khối bằng `.`.",
        "de_nghi": "Cơ quan đề nghị (`Theo đề nghị của …`); không có thì bỏ cả dòng.",
        "noi_nhan": "Danh sách nơi nhận, mỗi dòng kết thúc bằng `;`, dòng cuối (`Lưu: VT, …`) bằng `.`.",
        "tham_quyen_ky_dong": "Các dòng thẩm quyền ký trên chức vụ, từ trên xuống (`TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`), từ `van_ban.nguoi_ky.tham_quyen` (mỗi dòng một dòng); mặc định không có dòng nào khi Chủ tịch ký theo chức vụ của mình, `KT. CHỦ TỊCH` khi Phó Chủ tịch ký thay; khi ký, các dòng ghi cho một chức vụ khác với chức vụ người ký được thay bằng dòng mặc định.",
        "chuc_vu_nguoi_ky": "Chức vụ người ký (`Chủ tịch`), in hoa trong khối chữ ký.",
        "nguoi_ky": "Họ tên người ký.",
        "chu_ky": "Ảnh chữ ký của người ký (PNG nền trong suốt, mực xanh), đặt giữa chức vụ và họ tên; chỉ có khi ký và người ký có ảnh chữ ký của mình (`<thư mục ảnh>/<mã xã>/signatures/<tên đăng nhập>.png`); không có thì ảnh biến mất và khoảng ký để trống như bản nháp.",
        "con_dau": "Ảnh con dấu của cơ quan ban hành (PNG nền trong suốt, màu đỏ, đường kính thật 38 mm), trùm lên khoảng 1/3 chữ ký về phía bên trái; chỉ có khi ký và xã có ảnh con dấu (`<thư mục ảnh>/<mã xã>/seal.png`).",
        "thoi_gian_ky": "Thời điểm ký theo ISO 8601, giờ Việt Nam (`2025-08-14T16:31:45+07:00`), từ `van_ban.thoi_gian_ky`; không có trong bản nháp (hệ thống ghi khi ký). Khi có, dưới khoảng ký hiện dòng chữ ký số của cơ quan: tên cơ quan, số và ký hiệu, thời gian ký (Times New Roman 10, màu đen).",
    ]

    /// The catalogue as Markdown, from the templates in `folder` (their ODT; the DOCX must ask for the same fields).
    public static func markdown(kinds: [any DocumentKind] = DocumentKinds.all, templates folder: URL) throws -> String {
        var text = """
            # Trường dữ liệu của các mẫu văn bản

            Tệp này được tạo bằng `vanban fields --catalog > templates/FIELDS.md`; đừng sửa tay. Mỗi loại văn bản đọc \
            một tệp dữ liệu (xem tệp mẫu) và điền các trường dưới đây vào mẫu `.odt` và `.docx` cùng tên. Kiểu: \
            *chữ*, *số*, *ngày*, *danh sách* (mỗi phần tử có các trường con, viết `cha.con`), *danh sách chữ* \
            (hiện bằng `{{.}}`), *cờ* (đúng/sai: hiện hoặc ẩn một đoạn).

            Các trường chung của mọi mẫu (đầu văn bản, số và ngày, căn cứ, nơi nhận, chữ ký) có cùng nghĩa ở mọi loại.

            """
        for kind in kinds {
            let odt = try CompiledTemplate(contentsOf: folder.appendingPathComponent("\(kind.id).odt"))
            let docx = try CompiledTemplate(contentsOf: folder.appendingPathComponent("\(kind.id).docx"))
            guard odt.schema == docx.schema else { throw CatalogError(description: "\(kind.id): mẫu .odt và .docx không dùng cùng các trường.") }
            text += "\n## `\(kind.id)`\n\n\(kind.title). Dữ liệu mẫu: `\(kind.sample)`.\n\n| trường | kiểu | ý nghĩa |\n|---|---|---|\n"
            for (path, shape) in rows(odt.schema) {
                let meaning = kind.fieldDescriptions[path] ?? common[path] ?? ""
                text += "| `\(path)` | \(shape) | \(meaning.replacingOccurrences(of: "|", with: "\\|")) |\n"
            }
        }
        return text
    }

    /// The fields of each kind's templates that have no meaning written down, as `kind: path`.
    public static func undocumented(kinds: [any DocumentKind] = DocumentKinds.all, templates folder: URL) throws -> [String] {
        var missing: [String] = []
        for kind in kinds {
            let schema = try CompiledTemplate(contentsOf: folder.appendingPathComponent("\(kind.id).odt")).schema
            for (path, _) in rows(schema) where kind.fieldDescriptions[path] == nil && common[path] == nil {
                missing.append("\(kind.id): \(path)")
            }
        }
        return missing
    }

    /// One field of a kind's template: its dotted path, its shape in words and its meaning, as the catalogue lists it.
    public struct Field: Sendable, Hashable, Codable {
        public let path: String
        public let shape: String
        public let meaning: String
    }

    /// The fields of one kind's ODT template, parents before their children.
    public static func fields(of kind: any DocumentKind, templates folder: URL) throws -> [Field] {
        let schema = try CompiledTemplate(contentsOf: folder.appendingPathComponent("\(kind.id).odt")).schema
        return rows(schema).map { path, shape in
            Field(path: path, shape: shape, meaning: kind.fieldDescriptions[path] ?? common[path] ?? "")
        }
    }

    /// Every field path of a schema with its shape in words, parents before their children.
    static func rows(_ schema: FieldSchema, prefix: String = "") -> [(String, String)] {
        var rows: [(String, String)] = []
        for name in schema.names {
            let path = prefix + name
            switch schema.shapes[name]! {
            case .value(let hint): rows.append((path, word(hint)))
            case .flag: rows.append((path, "cờ"))
            case .values(let hint): rows.append((path, "danh sách \(word(hint))"))
            case .group(let inner):
                rows.append((path, "danh sách"))
                rows += Self.rows(inner, prefix: path + ".")
            case .object(let inner):
                rows.append((path, "đối tượng"))
                rows += Self.rows(inner, prefix: path + ".")
            }
        }
        return rows
    }

    static func word(_ hint: FieldSchema.Hint) -> String {
        switch hint {
        case .text: "chữ"
        case .number: "số"
        case .date: "ngày"
        case .image: "ảnh"
        }
    }

    public struct CatalogError: Error, CustomStringConvertible {
        public let description: String
    }
}
