import Foundation
import PostgresNIO

extension PostgresStore {
    public func claimSigningJob(_ lease: SigningLease) async throws -> SigningJob? {
        // SKIP LOCKED: several server processes poll the same queue; each takes a different job without waiting.
        try await write { db in
            try await db.row("""
                UPDATE signing_jobs SET attempts = attempts + 1, lease_owner = \(lease.owner), lease_until = \(lease.until)
                WHERE document_id = (SELECT document_id FROM signing_jobs
                  WHERE done_at IS NULL AND not_before <= \(lease.now) AND (lease_until IS NULL OR lease_until <= \(lease.now))
                  ORDER BY not_before, document_id LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING *
                """).map(RowDecoding.signingJob)
        }
    }

    public func finishSigning(_ pdf: SignedPDF) async throws {
        try await write { db in
            let inserted = try await db.rows("""
                INSERT INTO signed_pdfs (document_id, version_sha256, pdf, sha256, created_at)
                VALUES (\(pdf.documentID), \(pdf.versionSHA256), \(pdf.pdf), \(pdf.sha256), \(pdf.createdAt))
                ON CONFLICT (document_id) DO NOTHING RETURNING document_id
                """)
            if let odt = pdf.odt, let sha256 = pdf.odtSHA256, !inserted.isEmpty {
                try await db.run("INSERT INTO signed_odts (document_id, odt, sha256) VALUES (\(pdf.documentID), \(odt), \(sha256))")
            }
            try await db.run("""
                UPDATE signing_jobs SET done_at = \(pdf.createdAt), last_error = '', lease_owner = NULL, lease_until = NULL
                WHERE document_id = \(pdf.documentID) AND done_at IS NULL
                """)
        }
    }

    public func failSigning(documentID: Int64, error: String, retryAt: String) async throws {
        try await write { db in
            try await db.run("""
                UPDATE signing_jobs SET last_error = \(error), not_before = \(retryAt), lease_owner = NULL, lease_until = NULL
                WHERE document_id = \(documentID) AND done_at IS NULL
                """)
        }
    }

    public func pendingSigningJobs() async throws -> [SigningJob] {
        try await read { db in
            try await db.rows("SELECT * FROM signing_jobs WHERE done_at IS NULL ORDER BY not_before, document_id")
                .map(RowDecoding.signingJob)
        }
    }

    public func releaseSigningLease(documentID: Int64, owner: String) async throws {
        try await write { db in
            try await db.run("""
                UPDATE signing_jobs SET lease_owner = NULL, lease_until = NULL
                WHERE document_id = \(documentID) AND lease_owner = \(owner) AND done_at IS NULL
                """)
        }
    }

    public func signingJob(of documentID: Int64) async throws -> SigningJob? {
        try await read { db in
            try await db.row("SELECT * FROM signing_jobs WHERE document_id = \(documentID)").map(RowDecoding.signingJob)
        }
    }

    public func signedPDF(of documentID: Int64) async throws -> SignedPDF? {
        try await read { db in
            try await db.row("""
                SELECT p.document_id, p.version_sha256, p.pdf, p.sha256, p.created_at, o.odt AS odt, o.sha256 AS odt_sha256
                FROM signed_pdfs p LEFT JOIN signed_odts o ON o.document_id = p.document_id WHERE p.document_id = \(documentID)
                """).map(RowDecoding.signedPDF)
        }
    }
}
