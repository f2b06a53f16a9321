import Foundation
import GRDB

extension SQLiteStore {
    public func claimSigningJob(_ lease: SigningLease) async throws -> SigningJob? {
        try await write { db in
            try db.cachedStatement(sql: """
                UPDATE signing_jobs SET attempts = attempts + 1, lease_owner = ?, lease_until = ?
                WHERE document_id = (SELECT document_id FROM signing_jobs
                  WHERE done_at IS NULL AND not_before <= ? AND (lease_until IS NULL OR lease_until <= ?)
                  ORDER BY not_before, document_id LIMIT 1)
                RETURNING *
                """).one([lease.owner, lease.until, lease.now, lease.now], RowDecoding.signingJob)
        }
    }

    public func finishSigning(_ pdf: SignedPDF) async throws {
        try await write { db in
            try db.cachedStatement(sql: """
                INSERT INTO signed_pdfs (document_id, version_sha256, pdf, sha256, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (document_id) DO NOTHING
                """).execute(arguments: [pdf.documentID, pdf.versionSHA256, pdf.pdf, pdf.sha256, pdf.createdAt])
            if let odt = pdf.odt, let sha256 = pdf.odtSHA256, db.changesCount > 0 {
                try db.cachedStatement(sql: "INSERT INTO signed_odts (document_id, odt, sha256) VALUES (?, ?, ?)")
                    .execute(arguments: [pdf.documentID, odt, sha256])
            }
            try db.cachedStatement(sql: """
                UPDATE signing_jobs SET done_at = ?, last_error = '', lease_owner = NULL, lease_until = NULL
                WHERE document_id = ? AND done_at IS NULL
                """).execute(arguments: [pdf.createdAt, pdf.documentID])
        }
    }

    public func failSigning(documentID: Int64, error: String, retryAt: String) async throws {
        try await write { db in
            try db.cachedStatement(sql: """
                UPDATE signing_jobs SET last_error = ?, not_before = ?, lease_owner = NULL, lease_until = NULL
                WHERE document_id = ? AND done_at IS NULL
                """).execute(arguments: [error, retryAt, documentID])
        }
    }

    public func pendingSigningJobs() async throws -> [SigningJob] {
        try await read { db in
            try db.cachedStatement(sql: "SELECT * FROM signing_jobs WHERE done_at IS NULL ORDER BY not_before, document_id")
                .all(StatementArguments(), RowDecoding.signingJob)
        }
    }

    public func releaseSigningLease(documentID: Int64, owner: String) async throws {
        try await write { db in
            try db.cachedStatement(sql: """
                UPDATE signing_jobs SET lease_owner = NULL, lease_until = NULL
                WHERE document_id = ? AND lease_owner = ? AND done_at IS NULL
                """).execute(arguments: [documentID, owner])
        }
    }

    public func signingJob(of documentID: Int64) async throws -> SigningJob? {
        try await read { db in
            try db.cachedStatement(sql: "SELECT * FROM signing_jobs WHERE document_id = ?")
                .one([documentID], RowDecoding.signingJob)
        }
    }

    public func signedPDF(of documentID: Int64) async throws -> SignedPDF? {
        try await read { db in
            try db.cachedStatement(sql: """
                SELECT p.document_id, p.version_sha256, p.pdf, p.sha256, p.created_at, o.odt AS odt, o.sha256 AS odt_sha256
                FROM signed_pdfs p LEFT JOIN signed_odts o ON o.document_id = p.document_id WHERE p.document_id = ?
                """).one([documentID], RowDecoding.signedPDF)
        }
    }
}
