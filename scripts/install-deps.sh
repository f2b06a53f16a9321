#!/usr/bin/env bash
# Installs the Debian packages VanBan's build and tests need, when they are missing:
# libxml2, zlib and SQLite headers (build; SQLite is the embedded store), LibreOffice Writer and poppler-utils (tests that prove documents open),
# LibreOffice Calc (a test reads back a workbook Calc saved as .xlsx), python3-uno (the PDF pool drives its warm
# LibreOffice workers through UNO from Debian's /usr/bin/python3),
# Liberation fonts (metric twins of Times New Roman), PostgreSQL 15 server and client (scripts/postgres.sh runs a
# private cluster from them for the PostgreSQL store's tests and benchmarks; the system cluster is left alone),
# OpenSSL (a signing test reads a PKCS#12 file it exports), python3-venv (scripts/pdf-signature-check.sh installs
# pyHanko in a virtualenv), xmlsec1 and NSS's certutil (the ODF signature tests check VanBan's signatures with xmlsec1 and
# with LibreOffice trusting the test CA from an NSS database), Chromium and its WebDriver (scripts/browser-check.sh drives
# the web pages through them with selenium), unzip and python3 (the archive package tests open the streamed zips with
# `unzip -t` and Python's zipfile).
# Safe to run again; prints what it does.
set -euo pipefail
needed=()
dpkg -s libxml2-dev >/dev/null 2>&1 || needed+=(libxml2-dev)
dpkg -s zlib1g-dev >/dev/null 2>&1 || needed+=(zlib1g-dev)
dpkg -s libsqlite3-dev >/dev/null 2>&1 || needed+=(libsqlite3-dev)
dpkg -s pkg-config >/dev/null 2>&1 || needed+=(pkg-config)
dpkg -s libreoffice-writer-nogui >/dev/null 2>&1 || needed+=(libreoffice-writer-nogui)
dpkg -s libreoffice-calc-nogui >/dev/null 2>&1 || needed+=(libreoffice-calc-nogui)
dpkg -s python3-uno >/dev/null 2>&1 || needed+=(python3-uno)
command -v pdftotext >/dev/null 2>&1 || needed+=(poppler-utils)
command -v openssl >/dev/null 2>&1 || needed+=(openssl)
command -v unzip >/dev/null 2>&1 || needed+=(unzip)
command -v python3 >/dev/null 2>&1 || needed+=(python3)
python3 -c 'import venv' >/dev/null 2>&1 || needed+=(python3-venv)
command -v xmlsec1 >/dev/null 2>&1 || needed+=(xmlsec1)
command -v certutil >/dev/null 2>&1 || needed+=(libnss3-tools)
dpkg -s fonts-liberation2 >/dev/null 2>&1 || needed+=(fonts-liberation2 fonts-liberation)
dpkg -s postgresql-15 >/dev/null 2>&1 || needed+=(postgresql-15)
dpkg -s postgresql-client-15 >/dev/null 2>&1 || needed+=(postgresql-client-15)
dpkg -s chromium >/dev/null 2>&1 || needed+=(chromium)
dpkg -s chromium-driver >/dev/null 2>&1 || needed+=(chromium-driver)
if [ ${#needed[@]} -eq 0 ]; then
  echo "install-deps: everything is installed"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing ${needed[*]}; run as root (or with sudo) to install them" >&2
  exit 1
fi
echo "install-deps: installing ${needed[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
echo "install-deps: done"
