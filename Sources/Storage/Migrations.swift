/// The schema, as numbered steps that every store applies in order on start, each once.
///
/// The two dialects differ only where they must (identity columns, byte types, trigger syntax); the tables, columns
/// and constraints are the same, so both stores keep the same promises. Versions, the audit log and the register
/// refuse UPDATE and DELETE in the database itself, whatever code runs against it.
public struct Migration: Sendable {
    public let id: Int
    public let name: String
    /// The statements for SQLite.
    public let sqlite: String
    /// The statements for PostgreSQL.
    public let postgres: String

    /// A step whose tables are written once, with `{identity}`, `{bigint}`, `{bytes}` and `{boolean}` standing for
    /// the types that differ, followed by each dialect's own statements (triggers).
    init(id: Int, name: String, tables: String, sqliteExtra: String, postgresExtra: String) {
        self.id = id
        self.name = name
        sqlite = Self.expand(tables, [
            "{identity}": "INTEGER PRIMARY KEY AUTOINCREMENT", "{bigint}": "INTEGER", "{bytes}": "BLOB",
            "{boolean}": "INTEGER",
        ]) + "\n" + sqliteExtra
        postgres = Self.expand(tables, [
            "{identity}": "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "{bigint}": "BIGINT", "{bytes}": "BYTEA",
            "{boolean}": "BOOLEAN",
        ]) + "\n" + postgresExtra
    }

    /// The PostgreSQL statements one by one: postgres-nio runs a single statement per query.
    var postgresStatements: [String] { SQLStatements.split(postgres) }

    /// SQLite triggers that refuse UPDATE and DELETE on `table`, naming `what` its rows are.
    static func sqliteRefusingChange(table: String, what: String) -> String {
        """
        CREATE TRIGGER \(table)_never_change BEFORE UPDATE ON \(table)
          BEGIN SELECT RAISE(ABORT, '\(what) never changes'); END;
        CREATE TRIGGER \(table)_never_go BEFORE DELETE ON \(table)
          BEGIN SELECT RAISE(ABORT, '\(what) is never deleted'); END;
        """
    }

    /// The PostgreSQL trigger that refuses UPDATE and DELETE on `table` (through migration 1's function).
    static func postgresRefusingChange(table: String) -> String {
        """
        CREATE TRIGGER \(table)_never_change BEFORE UPDATE OR DELETE ON \(table)
          FOR EACH ROW EXECUTE FUNCTION vanban_refuse_change();
        """
    }

    private static func expand(_ text: String, _ types: [String: String]) -> String {
        types.reduce(text) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
    }

    /// Every migration, oldest first. Never edit a published step: add a new one.
    public static let all: [Migration] = [
        Migration(
            id: 1, name: "communes, users, documents, versions, audit log, register",
            tables: """
            CREATE TABLE communes (
              id TEXT PRIMARY KEY, name TEXT NOT NULL, body_code TEXT NOT NULL,
              numbering TEXT NOT NULL CHECK (numbering IN ('per_body', 'per_type')), profile {bytes} NOT NULL);
            CREATE TABLE users (
              id TEXT PRIMARY KEY, full_name TEXT NOT NULL, title TEXT NOT NULL,
              commune_id TEXT NOT NULL REFERENCES communes(id), roles TEXT NOT NULL);
            CREATE TABLE workflow_definitions (
              id TEXT NOT NULL, version INTEGER NOT NULL, sha256 TEXT NOT NULL, source TEXT NOT NULL,
              registered_at TEXT NOT NULL, PRIMARY KEY (id, version));
            CREATE TABLE documents (
              id {identity}, commune_id TEXT NOT NULL REFERENCES communes(id),
              kind TEXT NOT NULL, type_code TEXT NOT NULL, title TEXT NOT NULL,
              workflow_id TEXT NOT NULL, workflow_version INTEGER NOT NULL, state TEXT NOT NULL,
              revision INTEGER NOT NULL, author_id TEXT NOT NULL REFERENCES users(id),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, due_on TEXT,
              replaces_id {bigint} REFERENCES documents(id),
              FOREIGN KEY (workflow_id, workflow_version) REFERENCES workflow_definitions(id, version));
            CREATE INDEX documents_by_commune_state ON documents(commune_id, state);
            CREATE TABLE versions (
              id {identity}, document_id {bigint} NOT NULL REFERENCES documents(id),
              seq INTEGER NOT NULL, format TEXT NOT NULL, data {bytes} NOT NULL, bytes {bytes} NOT NULL,
              sha256 TEXT NOT NULL, author_id TEXT NOT NULL REFERENCES users(id), created_at TEXT NOT NULL,
              final {boolean} NOT NULL, UNIQUE (document_id, seq));
            CREATE TABLE audit_log (
              id {identity}, document_id {bigint} NOT NULL REFERENCES documents(id),
              revision INTEGER NOT NULL, at TEXT NOT NULL, user_id TEXT NOT NULL REFERENCES users(id),
              user_name TEXT NOT NULL, role TEXT NOT NULL, action TEXT NOT NULL, from_state TEXT,
              to_state TEXT NOT NULL, comment TEXT NOT NULL, version_sha256 TEXT NOT NULL,
              UNIQUE (document_id, revision));
            CREATE TABLE number_counters (
              commune_id TEXT NOT NULL REFERENCES communes(id), series TEXT NOT NULL, year INTEGER NOT NULL,
              last_number INTEGER NOT NULL, PRIMARY KEY (commune_id, series, year));
            CREATE TABLE register (
              commune_id TEXT NOT NULL REFERENCES communes(id), series TEXT NOT NULL, year INTEGER NOT NULL,
              number INTEGER NOT NULL, notation TEXT NOT NULL, issued_on TEXT NOT NULL,
              document_id {bigint} NOT NULL UNIQUE REFERENCES documents(id), details TEXT NOT NULL,
              PRIMARY KEY (commune_id, series, year, number));
            CREATE TABLE idempotency_keys (
              user_id TEXT NOT NULL REFERENCES users(id), key TEXT NOT NULL,
              document_id {bigint} NOT NULL REFERENCES documents(id), action TEXT NOT NULL,
              revision INTEGER NOT NULL, PRIMARY KEY (user_id, key));
            """,
            sqliteExtra: """
            CREATE TRIGGER versions_never_change BEFORE UPDATE ON versions
              BEGIN SELECT RAISE(ABORT, 'a stored version never changes'); END;
            CREATE TRIGGER versions_never_go BEFORE DELETE ON versions
              BEGIN SELECT RAISE(ABORT, 'a stored version is never deleted'); END;
            CREATE TRIGGER audit_log_never_changes BEFORE UPDATE ON audit_log
              BEGIN SELECT RAISE(ABORT, 'the audit log only grows'); END;
            CREATE TRIGGER audit_log_never_shrinks BEFORE DELETE ON audit_log
              BEGIN SELECT RAISE(ABORT, 'the audit log only grows'); END;
            CREATE TRIGGER register_never_changes BEFORE UPDATE ON register
              BEGIN SELECT RAISE(ABORT, 'a register line never changes'); END;
            CREATE TRIGGER register_never_shrinks BEFORE DELETE ON register
              BEGIN SELECT RAISE(ABORT, 'a register line is never deleted'); END;
            """,
            postgresExtra: """
            CREATE FUNCTION vanban_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN RAISE EXCEPTION '% rows never change or go (%)', TG_TABLE_NAME, TG_OP; END $$;
            CREATE TRIGGER versions_never_change BEFORE UPDATE OR DELETE ON versions
              FOR EACH ROW EXECUTE FUNCTION vanban_refuse_change();
            CREATE TRIGGER audit_log_only_grows BEFORE UPDATE OR DELETE ON audit_log
              FOR EACH ROW EXECUTE FUNCTION vanban_refuse_change();
            CREATE TRIGGER register_never_changes BEFORE UPDATE OR DELETE ON register
              FOR EACH ROW EXECUTE FUNCTION vanban_refuse_change();
            """),
        // Every action reads who wrote a document's drafts (the signer-not-author guard). Without this index the
        // author column is read from the version rows, after their data and file bytes: all of it, under the lock.
        Migration(
            id: 2, name: "index of draft authors per document",
            tables: "CREATE INDEX versions_authors ON versions(document_id, final, author_id);",
            sqliteExtra: "", postgresExtra: ""),
        // The server signs people in: a password hash per user and the sessions of browsers and API clients. Only
        // hashes are stored, of the password and of the session token.
        Migration(
            id: 3, name: "password hashes and sessions",
            tables: """
            CREATE TABLE credentials (
              user_id TEXT PRIMARY KEY REFERENCES users(id), password_hash TEXT NOT NULL, changed_at TEXT NOT NULL);
            CREATE TABLE sessions (
              token_sha256 TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), csrf_token TEXT NOT NULL,
              created_at TEXT NOT NULL, expires_at TEXT NOT NULL);
            CREATE INDEX sessions_by_expiry ON sessions(expires_at);
            """,
            sqliteExtra: "", postgresExtra: ""),
        // The PDF original is made after the sign action commits (LibreOffice and two signatures take far longer
        // than a number should be locked): the job is written with the number, the PDF in a later transaction.
        Migration(
            id: 4, name: "signing jobs and signed PDF originals",
            tables: """
            CREATE TABLE signing_jobs (
              document_id {bigint} PRIMARY KEY REFERENCES documents(id), version_sha256 TEXT NOT NULL,
              signed_at TEXT NOT NULL, signer_id TEXT NOT NULL REFERENCES users(id),
              attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT '', not_before TEXT NOT NULL,
              lease_owner TEXT, lease_until TEXT, done_at TEXT);
            CREATE INDEX signing_jobs_waiting ON signing_jobs(not_before) WHERE done_at IS NULL;
            CREATE TABLE signed_pdfs (
              document_id {bigint} PRIMARY KEY REFERENCES documents(id), version_sha256 TEXT NOT NULL,
              pdf {bytes} NOT NULL, sha256 TEXT NOT NULL, created_at TEXT NOT NULL);
            """,
            sqliteExtra: """
            CREATE TRIGGER signed_pdfs_never_change BEFORE UPDATE ON signed_pdfs
              BEGIN SELECT RAISE(ABORT, 'a signed original never changes'); END;
            CREATE TRIGGER signed_pdfs_never_go BEFORE DELETE ON signed_pdfs
              BEGIN SELECT RAISE(ABORT, 'a signed original is never deleted'); END;
            """,
            postgresExtra: """
            CREATE TRIGGER signed_pdfs_never_change BEFORE UPDATE OR DELETE ON signed_pdfs
              FOR EACH ROW EXECUTE FUNCTION vanban_refuse_change();
            """),
        // A signed document is corrected by a new one that names it; at most one such correction is alive at a time
        // (the store checks first and says why; the index holds under any race).
        Migration(
            id: 5, name: "one live replacement per document",
            tables: """
            CREATE UNIQUE INDEX documents_one_live_replacement ON documents(replaces_id)
              WHERE replaces_id IS NOT NULL AND state <> 'withdrawn';
            """,
            sqliteExtra: "", postgresExtra: ""),
        // The archive export reads a commune's register by issuance date, page by page.
        Migration(
            id: 6, name: "register in issuance order",
            tables: "CREATE INDEX register_by_issuance ON register(commune_id, issued_on, series, year, number);",
            sqliteExtra: "", postgresExtra: ""),
        // An ODT version is signed digitally too (XML-DSig), stored with its PDF in the same transaction.
        Migration(
            id: 7, name: "signed ODT originals",
            tables: """
            CREATE TABLE signed_odts (
              document_id {bigint} PRIMARY KEY REFERENCES signed_pdfs(document_id), odt {bytes} NOT NULL, sha256 TEXT NOT NULL);
            """,
            sqliteExtra: Migration.sqliteRefusingChange(table: "signed_odts", what: "a signed original"),
            postgresExtra: Migration.postgresRefusingChange(table: "signed_odts")),
    ]
}
