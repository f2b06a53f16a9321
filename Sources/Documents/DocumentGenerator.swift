import Dispatch
import Domain
import Foundation
import Synchronization
import Templating

/// Why a batch could not be written, in Vietnamese for the person running it.
public struct GenerationError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Renders a batch of documents with compiled templates and writes them to a folder, on every core.
public enum DocumentGenerator {
    /// One written file.
    public struct Output: Sendable {
        public let document: String
        public let format: DocumentFormat
        public let url: URL
    }

    /// Renders each document in each template's format and writes `folder/<name>.<ext>`.
    ///
    /// Each file is written to a temporary name and renamed into place, so an interrupted run never leaves half a
    /// document under its real name. `progress(done, total)` is called after each file, from whichever thread wrote
    /// it, one call at a time. The outputs come back in document order, then template order.
    public static func write(
        _ documents: [DocumentValues], templates: [CompiledTemplate], to folder: URL, workers: Int? = nil,
        progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
    ) throws(GenerationError) -> [Output] {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw GenerationError("Không tạo được thư mục “\(folder.path)”: \(error.localizedDescription)")
        }
        var seen = Set<String>()
        for document in documents where !seen.insert(document.name).inserted {
            throw GenerationError("Hai văn bản trùng tên tệp “\(document.name)”.")
        }
        let folderPath = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
        let jobs = documents.indices.flatMap { d in templates.indices.map { t in (d, t) } }
        let total = jobs.count
        let state = Mutex(State(outputs: Array(repeating: nil, count: total)))
        let next = Atomic<Int>(0)
        let workerCount = max(1, min(workers ?? ProcessInfo.processInfo.activeProcessorCount, total))
        DispatchQueue.concurrentPerform(iterations: workerCount) { _ in
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < total, state.withLock({ $0.failure == nil }) else { return }
                let (d, t) = jobs[index]
                let document = documents[d], template = templates[t]
                // Paths as strings: building file URLs stats the disk for every name.
                let fileName = "\(document.name).\(template.format.rawValue)"
                let path = folderPath + fileName
                do {
                    let bytes: [UInt8] = try template.render(document.values)
                    let temporary = folderPath + "." + fileName + ".part"
                    try writeFile(bytes, to: temporary)
                    // rename(2) replaces an existing file in one step.
                    guard rename(temporary, path) == 0 else {
                        throw GenerationError("Không ghi được tệp “\(path)”: \(String(cString: strerror(errno)))")
                    }
                    state.withLock { state in
                        state.outputs[index] = Output(document: document.name, format: template.format, url: URL(fileURLWithPath: path, isDirectory: false))
                        state.done += 1
                        progress(state.done, total)
                    }
                } catch let error as GenerationError {
                    state.withLock { $0.failure = $0.failure ?? error.description }
                } catch let error as RenderError {
                    state.withLock { $0.failure = $0.failure ?? "\(document.name).\(template.format.rawValue): \(error.description)" }
                } catch {
                    state.withLock { $0.failure = $0.failure ?? "Không ghi được tệp “\(path)”: \(error.localizedDescription)" }
                }
            }
        }
        let final = state.withLock { $0 }
        if let failure = final.failure { throw GenerationError(failure) }
        try flush(folder)
        return final.outputs.compactMap { $0 }
    }

    /// Writes a file without syncing it: syncing 1,550 files one by one cost more than rendering them. The batch is
    /// made durable once, at the end, by `flush`.
    static func writeFile(_ bytes: [UInt8], to path: String) throws(GenerationError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw GenerationError("Không ghi được tệp “\(path)”: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { writeBytes(descriptor, $0.baseAddress! + written, $0.count - written) }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { throw GenerationError("Không ghi được tệp “\(path)”: \(String(cString: strerror(errno)))") }
            written += result
        }
    }

    /// Makes the written batch durable in one step: the file system's data, then the folder's entries.
    static func flush(_ folder: URL) throws(GenerationError) {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw GenerationError("Không mở được thư mục “\(folder.path)”: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        sync()
        _ = fsync(descriptor)
    }

    private struct State: Sendable {
        var outputs: [Output?]
        var done = 0
        var failure: String?
    }
}

/// write(2), named apart from `DocumentGenerator.write`.
private func writeBytes(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
