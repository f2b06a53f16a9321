import Foundation

extension LibreOfficePool {
    /// How many workers, how long they may take and how many requests may wait.
    public struct Configuration: Sendable {
        /// Workers, each one LibreOffice (about 150 MB of memory when warm).
        public var workers: Int
        /// How long one conversion may take before its worker is killed.
        public var conversionTimeout: Duration
        /// How long a worker may take to start (a cold LibreOffice with a fresh profile takes a few seconds).
        public var startTimeout: Duration
        /// How many requests may wait for a worker; more are refused with `ConversionError.queueFull`.
        public var queueLimit: Int
        /// After this many conversions a worker is replaced by a fresh one, so that LibreOffice's slow growth in
        /// memory over thousands of documents never builds up in a long-running server.
        public var conversionsPerWorker: Int
        /// The `soffice` command, or nil to find it on PATH.
        public var soffice: String?
        /// The Python that has Debian's `uno` module (the system one, not a virtual environment's).
        public var python: String

        /// One worker per core by default, 60 s per conversion, up to 64 waiting requests, a fresh worker every
        /// 500 conversions.
        public init(workers: Int = ProcessInfo.processInfo.activeProcessorCount, conversionTimeout: Duration = .seconds(60),
                    startTimeout: Duration = .seconds(90), queueLimit: Int = 64, conversionsPerWorker: Int = 500,
                    soffice: String? = nil, python: String = "/usr/bin/python3") {
            self.workers = max(1, workers)
            self.conversionTimeout = conversionTimeout
            self.startTimeout = startTimeout
            self.queueLimit = max(0, queueLimit)
            self.conversionsPerWorker = max(1, conversionsPerWorker)
            self.soffice = soffice
            self.python = python
        }
    }
}
