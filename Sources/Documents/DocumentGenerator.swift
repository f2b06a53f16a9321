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
                let url = folder.appendingPathComponent("\(document.name).\(template.format.rawValue)")
                do {
                    let bytes: Data = try template.render(document.values)
                    let temporary = folder.appendingPathComponent(".\(document.name).\(template.format.rawValue).part")
                    try bytes.write(to: temporary)
                    // rename(2) replaces an existing file in one step.
                    guard rename(temporary.path, url.path) == 0 else {
                        throw GenerationError("Không ghi được tệp “\(url.path)”: \(String(cString: strerror(errno)))")
                    }
                    state.withLock { state in
                        state.outputs[index] = Output(document: document.name, format: template.format, url: url)
                        state.done += 1
                        progress(state.done, total)
                    }
                } catch let error as GenerationError {
                    state.withLock { $0.failure = $0.failure ?? error.description }
                } catch let error as RenderError {
                    state.withLock { $0.failure = $0.failure ?? "\(document.name).\(template.format.rawValue): \(error.description)" }
                } catch {
                    state.withLock { $0.failure = $0.failure ?? "Không ghi được tệp “\(url.path)”: \(error.localizedDescription)" }
                }
            }
        }
        let final = state.withLock { $0 }
        if let failure = final.failure { throw GenerationError(failure) }
        return final.outputs.compactMap { $0 }
    }

    private struct State: Sendable {
        var outputs: [Output?]
        var done = 0
        var failure: String?
    }
}
