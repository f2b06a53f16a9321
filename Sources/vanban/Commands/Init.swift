import ArgumentParser
import Foundation
import Office
import Storage

/// `vanban init`: a store with the demo commune and one user per role, ready for `vanban docs`.
struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create the store with a demo commune (Gia Cát) and one user per role.",
        discussion: "Safe to run again: it adds what is missing and changes nothing else. Run it from the repository root."
    )

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        try await reportingFailures {
            try await storeOptions.withOffice(creating: true) { office in
                let demo = try DemoCommune.load(sample: URL(fileURLWithPath: DemoCommune.sample))
                let existed = try await office.store.commune(demo.commune.id) != nil
                try await demo.install(in: office.store)
                print(existed
                    ? "Kho \(storeOptions.describe(office.store)) đã có xã \(demo.commune.name); đã kiểm tra đủ người dùng."
                    : "Đã tạo kho \(storeOptions.describe(office.store)) với xã \(demo.commune.name) (dữ liệu mẫu \(DemoCommune.sample)).")
                print("Người dùng (dùng với --as):")
                for user in demo.users {
                    let roles = user.roles.sorted().map(\.vietnameseName).joined(separator: ", ")
                    print("  \(user.id.padding(toLength: 11, withPad: " ", startingAt: 0)) \(user.fullName), \(user.title) (\(roles))")
                }
                print("Thử: swift run vanban docs create quyet-dinh-thanh-lap-cac-to --data \(DemoCommune.sample) --as canbo"
                    + storeOptions.sameStoreArguments(office.store))
            }
        }
    }
}
