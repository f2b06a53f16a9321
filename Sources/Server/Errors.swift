import Conversion
import Foundation
import Hummingbird
import Logging
import Office
import Storage
import Workflow

/// Errors of the server itself, each with the status it answers with and a message for the person, in Vietnamese.
public enum ServerError: Error, Sendable, Equatable {
    case signInRequired
    case wrongCredentials
    case tooManyAttempts(minutes: Int)
    case csrfMissing
    case forbidden(String)
    case notFound(String)
    case badRequest(String)
}

/// An error as a client receives it: a status, a stable code for programs and a message for people.
struct Failure: Sendable, Equatable {
    let status: HTTPResponse.Status
    let code: String
    let message: String

    /// What to tell the client about `error`. Anything not known here is an internal error: its details go to the
    /// log only, never to the client.
    static func from(_ error: any Error) -> Failure {
        switch error {
        case let error as ServerError: return from(error)
        case let error as StoreError: return from(error)
        case let error as OfficeError: return from(error)
        case let error as ArchiveExportProblem: return from(error)
        case let error as ConversionError: return from(error)
        case let error as any HTTPResponseError: return from(status: error.status)
        default: return internalError
        }
    }

    static let internalError = Failure(
        status: .internalServerError, code: "internal",
        message: "Máy chủ gặp lỗi khi xử lý yêu cầu; không có gì bị thay đổi dở dang. Hãy thử lại, nếu vẫn lỗi hãy báo quản trị viên.")

    private static func from(_ error: ServerError) -> Failure {
        switch error {
        case .signInRequired:
            Failure(status: .unauthorized, code: "sign_in_required", message: "Bạn cần đăng nhập để tiếp tục.")
        case .wrongCredentials:
            Failure(status: .unauthorized, code: "wrong_credentials", message: "Tên đăng nhập hoặc mật khẩu không đúng.")
        case let .tooManyAttempts(minutes):
            Failure(status: .tooManyRequests, code: "too_many_attempts",
                    message: "Đăng nhập sai quá nhiều lần; hãy thử lại sau \(minutes) phút.")
        case .csrfMissing:
            Failure(status: .forbidden, code: "csrf",
                    message: "Biểu mẫu đã hết hạn hoặc không đến từ trang của VanBan; hãy tải lại trang rồi làm lại.")
        case let .forbidden(message): Failure(status: .forbidden, code: "forbidden", message: message)
        case let .notFound(message): Failure(status: .notFound, code: "not_found", message: message)
        case let .badRequest(message): Failure(status: .badRequest, code: "bad_request", message: message)
        }
    }

    private static func from(_ error: ConversionError) -> Failure {
        let message = error.description
        return switch error {
        case .pageOutOfRange: Failure(status: .notFound, code: "not_found", message: message)
        case .resolutionOutOfRange: Failure(status: .badRequest, code: "bad_request", message: message)
        case .unreadableDocument, .unreadablePDF: Failure(status: .unprocessableContent, code: "preview_failed", message: message)
        default: Failure(status: .serviceUnavailable, code: "preview_unavailable", message: message)
        }
    }

    private static func from(_ problem: ArchiveExportProblem) -> Failure {
        let message = problem.description
        return switch problem {
        case .badRange, .chooseCommune: Failure(status: .badRequest, code: "bad_request", message: message)
        case .unknownCommune: Failure(status: .notFound, code: "not_found", message: message)
        case .nothingIssued: Failure(status: .notFound, code: "nothing_to_export", message: message)
        case .waitingForSignedPDF: Failure(status: .conflict, code: "signed_pdf_pending", message: message)
        case .missing, .unreadablePDF: Failure(status: .conflict, code: "archive_incomplete", message: message)
        }
    }

    private static func from(_ error: StoreError) -> Failure {
        let message = error.description
        switch error {
        case .documentNotFound, .userNotFound, .communeNotFound:
            return Failure(status: .notFound, code: "not_found", message: message)
        case let .refused(refusal):
            switch refusal {
            case .validationFailed: return Failure(status: .unprocessableContent, code: "validation_failed", message: message)
            case .commentRequired: return Failure(status: .unprocessableContent, code: "comment_required", message: message)
            case .notAvailable: return Failure(status: .conflict, code: "not_available", message: message)
            case .otherCommune, .roleNotAllowed, .authorCannotAct:
                return Failure(status: .forbidden, code: "forbidden", message: message)
            }
        case .staleRevision: return Failure(status: .conflict, code: "stale_revision", message: message)
        case .notEditable: return Failure(status: .conflict, code: "not_editable", message: message)
        case .idempotencyKeyReused: return Failure(status: .unprocessableContent, code: "idempotency_key_reused", message: message)
        case .cannotCreate: return Failure(status: .forbidden, code: "forbidden", message: message)
        case .cannotReplace: return Failure(status: .conflict, code: "cannot_replace", message: message)
        case .finishingFailed: return Failure(status: .unprocessableContent, code: "finishing_failed", message: message)
        case .workflowVersion, .database: return internalError
        }
    }

    private static func from(_ error: OfficeError) -> Failure {
        switch error {
        case .unknownKind: Failure(status: .notFound, code: "unknown_kind", message: error.description)
        case .badData: Failure(status: .unprocessableContent, code: "bad_data", message: error.description)
        case .commune: Failure(status: .unprocessableContent, code: "bad_commune", message: error.description)
        case .noWorkflow, .template: internalError
        }
    }

    private static func from(status: HTTPResponse.Status) -> Failure {
        switch status {
        case .notFound: Failure(status: status, code: "not_found", message: "Không có trang hoặc địa chỉ này.")
        case .contentTooLarge:
            Failure(status: status, code: "too_large", message: "Tệp hoặc dữ liệu gửi lên quá lớn (tối đa 4 MB).")
        case .methodNotAllowed:
            Failure(status: status, code: "method_not_allowed", message: "Địa chỉ này không nhận kiểu yêu cầu đó.")
        case .badRequest:
            Failure(status: status, code: "bad_request", message: "Yêu cầu không đúng định dạng.")
        case .unsupportedMediaType:
            Failure(status: status, code: "unsupported_media_type", message: "Kiểu nội dung gửi lên không được hỗ trợ.")
        default:
            status.code >= 500 ? internalError
                : Failure(status: status, code: "http_\(status.code)", message: "Yêu cầu không thực hiện được (\(status.code)).")
        }
    }
}

/// Turns every error a route throws into a response: JSON under `/api/`, a page elsewhere. Internal errors are
/// logged with the request's id, and the client sees only that id.
struct FailureMiddleware: RouterMiddleware {
    typealias Context = VanBanContext
    let pages: Pages

    func handle(_ request: Request, context: VanBanContext, next: (Request, VanBanContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let failure = Failure.from(error)
            if failure.status.code >= 500 {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
            }
            if request.uri.path.hasPrefix("/api/") {
                return try JSONResponse.make(FailureBody(error: .init(failure, requestID: context.id)), status: failure.status)
            }
            if failure.status == .unauthorized, failure.code == "sign_in_required" {
                return Response.redirect(to: "/login?next=" + Web.escapeQuery(request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")))
            }
            return pages.response(pages.error(failure, identity: context.identity, requestID: context.id), status: failure.status)
        }
    }
}

struct FailureBody: Encodable {
    struct Detail: Encodable {
        let status: Int
        let code: String
        let message: String
        let requestID: String

        init(_ failure: Failure, requestID: String) {
            status = failure.status.code
            code = failure.code
            message = failure.message
            self.requestID = requestID
        }

        enum CodingKeys: String, CodingKey { case status, code, message, requestID = "request_id" }
    }

    let error: Detail
}
