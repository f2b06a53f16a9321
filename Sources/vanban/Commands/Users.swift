import ArgumentParser
import Foundation
import Office
import Server
import Storage
import Workflow

/// `vanban users`: the people of a commune who sign in to the web service.
struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, add and change the users of a commune, and set their passwords for the web service.",
        subcommands: [List.self, Add.self, Password.self]
    )

    /// The commune a command names, or the store's only commune when it names none.
    static func commune(_ id: String?, in store: any Store) async throws -> String {
        if let id {
            guard try await store.commune(id) != nil else { throw StoreError.communeNotFound(id) }
            return id
        }
        let all = try await store.communes()
        guard all.count == 1 else {
            let names = all.map(\.id).joined(separator: ", ")
            throw CommandFailure(all.isEmpty ? "Kho chưa có xã nào: thêm bằng vanban communes save." : "Kho có nhiều xã (\(names)): chọn một bằng --commune.", exitCode: 2)
        }
        return all[0].id
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a commune's users and whether they can sign in.")
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "The commune (its id); may be left out when the store has one commune.")
        var commune: String?

        func run() async throws {
            try await reportingFailures {
                try await storeOptions.withOffice { office in
                    let commune = try await Users.commune(commune, in: office.store)
                    for user in try await office.store.users(communeID: commune) {
                        let roles = user.roles.sorted().map(\.vietnameseName).joined(separator: ", ")
                        let password = try await office.store.passwordHash(of: user.id) == nil ? "chưa có mật khẩu" : "có mật khẩu"
                        print("\(user.id.padding(toLength: 12, withPad: " ", startingAt: 0)) \(user.fullName), \(user.title) (\(roles)); \(password)")
                    }
                }
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user to a commune, or change one (name, title, roles). Set the password with `users password`.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The log-in name: lower-case letters, digits, '.', '-' or '_'.")
        var id: String
        @Option(help: "Full name, as a signature block writes it.")
        var name: String
        @Option(help: "Office, as a signature block writes it (Chủ tịch, Phó Chủ tịch, Văn thư, …).")
        var title: String
        @Option(help: "The commune (its id); may be left out when the store has one commune, or to change a user.")
        var commune: String?
        @Option(help: "Roles, comma-separated: clerk, approver, archivist.")
        var roles: String

        func run() async throws {
            try await reportingFailures {
                guard id.range(of: "^[a-z0-9._-]{2,40}$", options: .regularExpression) != nil else {
                    throw CommandFailure("Tên đăng nhập “\(id)” không dùng được: chỉ chữ thường không dấu, số, '.', '-', '_' (2 đến 40 ký tự).", exitCode: 2)
                }
                var parsed: Set<Role> = []
                for word in roles.split(separator: ",") {
                    guard let role = Role(rawValue: word.trimmingCharacters(in: .whitespaces)) else {
                        throw CommandFailure("Không có vai trò “\(word)”: chọn clerk, approver, archivist.", exitCode: 2)
                    }
                    parsed.insert(role)
                }
                guard !parsed.isEmpty else { throw CommandFailure("Cần ít nhất một vai trò (--roles).", exitCode: 2) }
                try await storeOptions.withOffice { office in
                    let existing = try await office.store.user(id)
                    let communeID: String
                    if let existing {
                        // A user stays in the commune whose documents name them; another commune gets a new log-in.
                        if let commune, commune != existing.communeID {
                            throw CommandFailure("Người dùng \(id) thuộc xã “\(existing.communeID)”, không chuyển sang “\(commune)” được: hãy tạo tên đăng nhập khác cho xã đó.", exitCode: 2)
                        }
                        communeID = existing.communeID
                    } else {
                        communeID = try await Users.commune(commune, in: office.store)
                    }
                    let existed = existing != nil
                    try await office.store.save(UserRecord(id: id, fullName: name, title: title, communeID: communeID, roles: parsed))
                    print("\(existed ? "Đã sửa" : "Đã thêm") người dùng \(id). Đặt mật khẩu: vanban users password \(id)"
                        + storeOptions.sameStoreArguments(office.store))
                }
            }
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a user's password (read from standard input, one line; at least 8 characters).",
            discussion: "Example: printf '%s\\n' 'mat-khau-moi' | vanban users password canbo. It signs the user out everywhere.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The log-in name.")
        var id: String

        func run() async throws {
            try await reportingFailures {
                let line = readLine(strippingNewline: true) ?? ""
                try await storeOptions.withOffice { office in
                    guard try await office.store.user(id) != nil else { throw StoreError.userNotFound(id) }
                    do {
                        try await Sessions(store: office.store).setPassword(line, of: id)
                    } catch ServerError.badRequest(let message) {
                        throw CommandFailure(message, exitCode: 2)
                    }
                    print("Đã đặt mật khẩu cho \(id).")
                }
            }
        }
    }
}
