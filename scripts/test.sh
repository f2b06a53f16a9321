#!/usr/bin/env bash
# Runs the whole test suite: installs what the tests need (LibreOffice, poppler, PostgreSQL) when possible, starts
# a private PostgreSQL cluster for the PostgreSQL store's tests, then `swift test` (arguments are passed on); without
# arguments, then also scripts/api-check.sh (the running server against its OpenAPI description, with schemathesis)
# scripts/browser-check.sh (the web story in Chromium through selenium) and scripts/pdf-signature-check.sh (PAdES
# signatures validated by pyHanko).
# Tests that need LibreOffice or PostgreSQL skip with a printed reason when it is missing, except in CI (CI=true),
# where they fail.
#
# PostgreSQL: with VANBAN_TEST_DATABASE_URL set, the tests use that server (they create databases vanban_t_* on it).
# Without it, this script starts the private cluster of scripts/postgres.sh in .postgres (as root, when the postgres
# user cannot reach the repository, in /tmp/vanban-test-postgres) and leaves it running for the next run; in CI it
# stops the cluster again if it started it. Stop it by hand with: scripts/postgres.sh stop [DIR].
set -euo pipefail
cd "$(dirname "$0")/.."
in_ci() { [ "${CI:-}" = "true" ]; }
if ! scripts/install-deps.sh; then
  if in_ci; then exit 1; fi
  echo "test: continuing without the missing packages; the tests that need them will say so" >&2
fi

if [ -z "${VANBAN_TEST_DATABASE_URL:-}" ]; then
  pg_dir="$PWD/.postgres"
  # As root the server runs as postgres, which needs to reach DIR through every parent directory.
  if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$PWD" 2>/dev/null; then
    pg_dir=/tmp/vanban-test-postgres
  fi
  was_running=false
  if scripts/postgres.sh url "$pg_dir" >/dev/null 2>&1; then was_running=true; fi
  if url="$(scripts/postgres.sh start "$pg_dir")"; then
    export VANBAN_TEST_DATABASE_URL="$url"
    echo "test: the PostgreSQL tests use $url (cluster in $pg_dir)" >&2
    if in_ci && [ "$was_running" = false ]; then
      trap 'scripts/postgres.sh stop "$pg_dir" || true' EXIT
    fi
  elif in_ci; then
    echo "test: could not start the PostgreSQL cluster in $pg_dir (reason above); CI needs the PostgreSQL tests" >&2
    exit 1
  else
    echo "test: could not start the PostgreSQL cluster in $pg_dir (reason above); the PostgreSQL tests will be skipped" >&2
  fi
fi
swift test "$@"
# The whole suite (no arguments) also checks the running server against its OpenAPI description, and clicks
# through the web story in a real browser (screenshots in out/browser/).
if [ $# -eq 0 ]; then
  scripts/api-check.sh
  scripts/browser-check.sh
  scripts/pdf-signature-check.sh
fi
