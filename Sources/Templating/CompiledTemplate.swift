import CLibXML2
import Foundation
import OfficeZip

/// A template compiled once and rendered many times; immutable and safe to render from many threads at once.
public struct CompiledTemplate: Sendable {
    /// The package format (from its content, not its file name).
    public let format: DocumentFormat
    /// Every tag the template uses, for `vanban fields`.
    public let schema: FieldSchema
    let archive: ZipArchive
    private let parts: [String: CompiledPart]

    /// Reads and compiles a template package; throws every problem at once.
    public init(bytes: [UInt8], limits: ZipLimits = .default) throws(TemplateError) {
        LibXML.initialize()
        var archive: ZipArchive
        do { archive = try ZipArchive(bytes: bytes, limits: limits) } catch { throw .package(error) }
        let format = try Self.detectFormat(archive)
        if format == .odt {
            do {
                if let package = try TemplateThumbnail.removed(from: archive) {
                    archive = try ZipArchive(bytes: package, limits: limits)
                }
            } catch { throw .package(error) }
        }
        var parts: [String: CompiledPart] = [:]
        var problems: [TemplateProblem] = []
        var schema = FieldSchema()
        for entry in archive.entries where format.isTemplatePart(entry.name) {
            let content: [UInt8]
            do { content = try archive.contents(of: entry) } catch { throw .package(error) }
            guard content.containsSequence(Array("{{".utf8)) || content.containsSequence(Array("}}".utf8)) else { continue }
            guard String(validating: content, as: UTF8.self) != nil else {
                problems.append(.partProblem(.unreadablePart, entry.name, "Phần \(entry.name) không phải văn bản UTF-8 hợp lệ."))
                continue
            }
            do {
                let compiler = try PartCompiler(name: entry.name, bytes: content, format: format)
                if let (part, program) = compiler.compile() {
                    parts[entry.name] = part
                    schema.collect(program)
                }
                problems += compiler.problems
            } catch {
                switch error {
                case .forbiddenMarkup(let message): problems.append(.partProblem(.forbiddenMarkup, entry.name, message))
                case .malformed(let message): problems.append(.partProblem(.unreadablePart, entry.name, message))
                }
            }
        }
        if !problems.isEmpty { throw .problems(problems) }
        self.format = format
        self.archive = archive
        self.parts = parts
        self.schema = schema
    }

    /// Reads and compiles a template from a file.
    public init(contentsOf url: URL, limits: ZipLimits = .default) throws(TemplateError) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .unreadableFile(url.path, error.localizedDescription) }
        try self.init(bytes: [UInt8](data), limits: limits)
    }

    private static func detectFormat(_ archive: ZipArchive) throws(TemplateError) -> DocumentFormat {
        if let mimetype = archive.entry(named: "mimetype"), let content = try? archive.contents(of: mimetype),
            String(decoding: content, as: UTF8.self).hasPrefix("application/vnd.oasis.opendocument.text")
        {
            return .odt
        }
        if archive.entry(named: "[Content_Types].xml") != nil, archive.entry(named: "word/document.xml") != nil {
            return .docx
        }
        throw .notATextDocument
    }

    /// Renders one document from its data and returns the package bytes.
    public func render(_ values: TemplateValue, options: RenderOptions = RenderOptions()) throws(RenderError) -> [UInt8] {
        let (rendered, media) = try renderParts(values, options: options)
        return PackageAssembler(archive: archive, format: format, options: options).assemble(rendered: rendered, media: media)
    }

    /// Renders every compiled part; returns the new part bytes and the pictures to add.
    func renderParts(_ values: TemplateValue, options: RenderOptions) throws(RenderError) -> ([String: OutputBuffer], [DocumentRenderState.NewMedia]) {
        let state = DocumentRenderState(maxDrawingID: parts.values.map(\.maxDrawingID).max() ?? 0)
        var rendered: [String: OutputBuffer] = [:]
        for (name, part) in parts {
            var renderer = PartRenderer(part: part, format: format, options: options, state: state, root: values)
            rendered[name] = try renderer.render()
        }
        return (rendered, state.media)
    }

    /// Renders one document and returns it as `Data`.
    public func render(_ values: TemplateValue, options: RenderOptions = RenderOptions()) throws(RenderError) -> Data {
        let bytes: [UInt8] = try render(values, options: options)
        return Data(bytes)
    }
}

/// Why a template could not be used.
public enum TemplateError: Error, Sendable, CustomStringConvertible {
    /// The file could not be read.
    case unreadableFile(String, String)
    /// The package is not a safe, readable zip.
    case package(ZipError)
    /// The package is neither an ODF text document nor a Word document.
    case notATextDocument
    /// The template has problems; all of them, in document order.
    case problems([TemplateProblem])

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason): "Không đọc được tệp “\(path)”: \(reason)"
        case .package(let error): error.description
        case .notATextDocument: "Tệp không phải văn bản ODT hay DOCX (không thấy “mimetype” của ODF hay “word/document.xml”)."
        case .problems(let problems): TemplateCompileError(problems: problems).description
        }
    }

    /// The problems, when the error is about the template's content.
    public var problems: [TemplateProblem] {
        if case .problems(let list) = self { return list }
        return []
    }
}

extension TemplateProblem {
    static func partProblem(_ code: Code, _ part: String, _ message: String) -> TemplateProblem {
        TemplateProblem(code: code, location: ProblemLocation(part: part, paragraph: nil, cell: nil), tag: nil,
                        message: message, context: nil, contextOffset: nil)
    }
}

/// One-time libxml2 set-up.
enum LibXML {
    private static let once: Void = { xmlInitParser() }()
    static func initialize() { _ = once }
}

extension CompiledTemplate {
    /// Renders once and returns the package-rewrite step alone (changed parts deflated, the rest copied compressed):
    /// the floor against which `vanban bench render --floor` judges rendering speed.
    public func packageRewrite(for values: TemplateValue, options: RenderOptions = RenderOptions()) throws(RenderError) -> () -> [UInt8] {
        let (rendered, media) = try renderParts(values, options: options)
        let assembler = PackageAssembler(archive: archive, format: format, options: options)
        return { assembler.assemble(rendered: rendered, media: media) }
    }
}
