import ArgumentParser
import Foundation
import Office
import Storage

/// `vanban communes`: the communes a store serves, and the profile their documents and forms start from.
struct Communes: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the communes of a store, print a commune's profile, or add or change a commune from a profile file.",
        discussion: """
            A profile is JSON with the commune as documents name it ("xa": ten, loai, huyen, tinh, co_quan_chu_quan, \
            dia_danh, chu_tich, chinh_sach), its villages ("thon") and the fixed parts of a team's founding decision \
            ("quyet_dinh_thanh_lap_to"). Start from the demo's: vanban communes show gia-cat > xa-moi.json
            """,
        subcommands: [List.self, Show.self, Save.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the communes: id, name, number notation and users.")
        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            try await reportingFailures {
                try await storeOptions.withOffice { office in
                    for commune in try await office.store.communes() {
                        let profile = try? CommuneProfile.read(commune.profile)
                        let users = try await office.store.users(communeID: commune.id).count
                        let series = commune.numbering == .perBody ? "một dãy số" : "mỗi loại văn bản một dãy số"
                        print("\(commune.id.padding(toLength: 14, withPad: " ", startingAt: 0)) \(profile?.commune.kind ?? "xã") \(commune.name): "
                              + "số …/QĐ-\(commune.bodyCode) (\(series)), \(profile?.villages.count ?? 0) thôn, \(users) người dùng")
                    }
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a commune's profile as JSON, to edit and save back.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The commune (its id).")
        var id: String

        func run() async throws {
            try await reportingFailures {
                try await storeOptions.withOffice { office in
                    guard let commune = try await office.store.commune(id) else { throw StoreError.communeNotFound(id) }
                    let object = try JSONSerialization.jsonObject(with: try CommuneProfile.read(commune.profile).encoded())
                    let pretty = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                    print(String(decoding: pretty, as: UTF8.self))
                }
            }
        }
    }

    struct Save: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a commune, or change one, from a profile file. Then add its users with `vanban users add --commune ID`.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The commune's id: lower-case letters without accents, digits and '-' (quang-son).")
        var id: String
        @Option(help: "The profile, as JSON (`-` for standard input).")
        var profile: String
        @Option(help: "The issuing body's abbreviation in numbers, as UBND in 05/QĐ-UBND (default: UBND, or as it was).")
        var bodyCode: String?
        @Option(help: "per-body: one sequence of numbers for all documents; per-type: one per document type (default: per-body, or as it was).")
        var numbering: Numbering?

        enum Numbering: String, ExpressibleByArgument {
            case perBody = "per-body", perType = "per-type"
            var scheme: NumberingScheme { self == .perBody ? .perBody : .perType }
        }

        func run() async throws {
            try await reportingFailures {
                let data = Data(try CommandIO.read(profile))
                try await storeOptions.withOffice(creating: true) { office in
                    let read = try office.readProfile(data)
                    let (commune, created) = try await office.saveCommune(id: id, profile: read, bodyCode: bodyCode,
                                                                        numbering: numbering?.scheme)
                    print("\(created ? "Đã thêm" : "Đã sửa") \(read.commune.kind) \(commune.name) (\(commune.id)): \(read.villages.count) thôn, "
                          + "số văn bản dạng …/QĐ-\(commune.bodyCode). Thêm người dùng: vanban users add TÊN --commune \(commune.id) …"
                          + storeOptions.sameStoreArguments(office.store))
                }
            }
        }
    }
}
