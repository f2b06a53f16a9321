import Hummingbird
@testable import Server
import Testing

@Suite("Posted forms: header parameters and multipart parts")
struct FormFieldsTests {
    @Test("a header's parameters, quoted or not, in any case, with ; inside quotes")
    func parameters() {
        #expect(FormFields.parameter("boundary", in: "multipart/form-data; boundary=----abc") == "----abc")
        #expect(FormFields.parameter("boundary", in: "multipart/form-data;boundary=\"x y\" ; charset=utf-8") == "x y")
        #expect(FormFields.parameter("name", in: "form-data; NAME=\"ho_ten\"") == "ho_ten")
        let disposition = "form-data; name=\"tep\"; filename=\"danh sách; thôn 1.xlsx\""
        #expect(FormFields.parameter("filename", in: disposition) == "danh sách; thôn 1.xlsx")
        #expect(FormFields.parameter("name", in: disposition) == "tep")
        #expect(FormFields.parameter("filename", in: "form-data; name=\"a\"") == nil)
        #expect(FormFields.parameter("name", in: "form-data") == nil)
        #expect(FormFields.parameter("name", in: "form-data; flag; name=b ") == "b")
    }

    @Test("multipart parts keep their order and repeated names; an empty file input is no file")
    func multipart() throws {
        let body = """
            --b\r
            Content-Disposition: form-data; name="ho_ten"\r
            \r
            Đào Xuân Đông\r
            --b\r
            Content-Disposition: form-data; name="ho_ten"\r
            \r
            \r
            --b\r
            Content-Disposition: form-data; name="tep"; filename=""\r
            Content-Type: application/octet-stream\r
            \r
            \r
            --b\r
            Content-Disposition: form-data; name="ds"; filename="a.csv"\r
            \r
            Họ tên\r
            --b--\r\n
            """
        let form = try FormFields.multipart(ByteBuffer(string: body), boundary: "b")
        #expect(form.values("ho_ten") == ["Đào Xuân Đông", ""])
        #expect(form.files["tep"] == nil)
        #expect(form.files["ds"]?.name == "a.csv" && form.files["ds"]?.bytes == Array("Họ tên".utf8))
        // A body without the boundary is all preamble: no fields, which the form then refuses as unreadable.
        #expect(try FormFields.multipart(ByteBuffer(string: "--c\r\nnot a part"), boundary: "b").fields.isEmpty)
        #expect(throws: ServerError.self) { try Web.foundingForm(FormFields()) }
    }

    @Test("multipart edge cases: line breaks and boundary-like text inside a value, binary files, any header case, damage")
    func multipartEdges() throws {
        let binary: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x0D, 0x0A, 0x2D, 0x2D, 0x62, 0x00, 0xFF]  // PK.. CRLF "--b" NUL
        var body = Array("preamble to ignore\r\n--b\r\ncontent-disposition: form-data; name=\"ghi_chu\"\r\n\r\ndòng 1\r\n--bx không phải ranh giới\r\ndòng 3\r\n".utf8)
        body += Array("--b  \r\nCONTENT-DISPOSITION: form-data; name=\"tep\"; filename=\"a.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        body += binary
        body += Array("\r\n--b\r\n\r\nno headers\r\n--b--\r\nepilogue".utf8)
        let form = try FormFields.multipart(ByteBuffer(bytes: body), boundary: "b")
        #expect(form.fields.map(\.name) == ["ghi_chu"])
        #expect(form.value("ghi_chu") == "dòng 1\r\n--bx không phải ranh giới\r\ndòng 3")
        #expect(form.files["tep"]?.bytes == binary)
        for damaged in ["--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end", "--b\r\nContent-Disposition: form-data",
                        "--bjunk\r\n\r\n\r\n--b--"] {
            #expect(throws: ServerError.self, "\(damaged)") { try FormFields.multipart(ByteBuffer(string: damaged), boundary: "b") }
        }
    }

    @Test("URL-encoded forms decode + and percent escapes")
    func urlEncoded() {
        let form = FormFields.urlEncoded("thon=B%E1%BA%AFc+Nga&ho_ten=&ho_ten=An")
        #expect(form.value("thon") == "Bắc Nga" && form.values("ho_ten") == ["", "An"])
    }
}
