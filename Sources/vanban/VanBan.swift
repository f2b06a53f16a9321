import ArgumentParser

/// The `vanban` command: document generation for Vietnamese communes.
@main
struct VanBan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vanban",
        abstract: "Fill ODT and DOCX templates for commune documents (VanBan).",
        discussion: """
            Templates are ordinary .odt/.docx files with tags such as {{ten_xa}}, {{#thanh_vien}}…{{/thanh_vien}} \
            and {{so_tien | words}}. Start with `vanban serve` (the web service, with demo accounts) or `vanban demo`; then `vanban fields TEMPLATE` to see what data a template needs.
            """,
        subcommands: [
            Demo.self, Generate.self, Render.self, Check.self, Fields.self, Validate.self, ImportMembers.self,
            PDF.self, Serve.self, Init.self, Communes.self, Users.self, Docs.self, Register.self, Export.self, Keys.self, Verify.self, Originals.self, Bench.self,
        ]
    )
}
