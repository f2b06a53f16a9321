import Testing
@testable import Templating

@Suite("Objects in the data")
struct TemplateObjectTests {
    @Test("fields are kept in key order; setting replaces, adds in order and removes")
    func editing() {
        var object: TemplateObject = ["ten": "Thôn 1", "so": 3]
        #expect(object.keys == ["so", "ten"])
        object["ten"] = "Thôn 2"
        object["dia_chi"] = "Gia Cát"
        #expect(object.keys == ["dia_chi", "so", "ten"])
        #expect(object["ten"] == "Thôn 2")
        object["so"] = nil
        #expect(object.keys == ["dia_chi", "ten"])
        #expect(object["so"] == nil)
        #expect(object.dictionary == ["dia_chi": "Gia Cát", "ten": "Thôn 2"])
    }

    @Test("fields given in key order make the object a dictionary of them makes")
    func sortedFields() {
        let object = TemplateObject(sortedKeys: ["dia_chi", "ho_ten", "so"], values: ["Bắc Nga", "Đào Xuân Đông", 3])
        #expect(object == TemplateObject(["so": 3, "ho_ten": "Đào Xuân Đông", "dia_chi": "Bắc Nga"]))
        #expect(object["ho_ten"] == "Đào Xuân Đông" && object["thon"] == nil)
    }

    @Test("a copy is not changed by setting a field of the original")
    func valueSemantics() {
        var original: TemplateObject = ["ho_ten": "A"]
        let copy = original
        original["ho_ten"] = "B"
        #expect(copy["ho_ten"] == "A")
        #expect(original["ho_ten"] == "B")
        #expect(copy != original)
    }

    @Test("objects with many fields (looked up through a hash index) render every field", arguments: [5, 13, 40])
    func manyFields(count: Int) throws {
        var fields: [String: TemplateValue] = [:]
        for i in 0..<count { fields["truong_\(i)"] = .string("giá trị \(i)") }
        let tags = (0..<count).map { "{{truong_\($0)}}" }.joined(separator: ",")
        let expected = (0..<count).map { "giá trị \($0)" }.joined(separator: ",")
        let object = TemplateObject(fields)
        #expect(object["truong_\(count - 1)"] == .string("giá trị \(count - 1)"))
        #expect(object["khong_co"] == nil)
        let xml = try CompiledTemplate.renderMainPart(PackageBuilder.odt(body: Markup.op("{{#o}}\(tags){{/o}}")), ["o": .object(object)])
        #expect(bodyOf(xml) == Markup.op(expected))
    }

    @Test("an inner object's field hides the outer one of the same name; an absent one falls back to the outer")
    func shadowing() throws {
        let body = Markup.op("{{#to}}{{ten}}/{{xa}}{{/to}}")
        let xml = try CompiledTemplate.renderMainPart(PackageBuilder.odt(body: body), ["ten": "ngoài", "xa": "Gia Cát", "to": ["ten": "trong"]])
        #expect(bodyOf(xml) == Markup.op("trong/Gia Cát"))
    }
}
