"""One warm LibreOffice for VanBan's PDF pool (Sources/Conversion/LibreOfficePool.swift).

Run with Debian's /usr/bin/python3 (python3-uno):
    pdf-worker.py SOFFICE_BIN PROFILE_URL PIPE_NAME

Starts soffice.bin headless with its own profile, listening on a private UNO pipe, connects to it and warms it up by
exporting an empty Writer document; then prints one line, {"ready": true, "office_pid": N}, and answers one JSON
line per request read from standard input:
    {"input": PATH, "output": PATH, "filter": "writer8" | "MS Word 2007 XML", "pdf_version": 0 | 2}
    -> {"ok": true} or {"ok": false, "error": "...", "office_died": BOOL}
A first line {"ready": false, ...} says why it could not start ("missing_uno": true without python3-uno).
The parent runs this script as the leader of a new process group and kills the whole group with SIGKILL on a
timeout, so nothing here needs a timeout of its own. When soffice.bin has died the script answers once and exits;
when the parent has died, the script kills its group within a second; soffice.bin dies with the script.
Standard output carries only protocol lines; diagnostics go to standard error.
"""
import os

# Descriptors the server left open without close-on-exec (a listening socket, a parent's own pipes) must not
# live on in LibreOffice: keep only standard input, output and error.
os.closerange(3, os.sysconf("SC_OPEN_MAX"))

import ctypes
import json
import signal
import subprocess
import sys
import threading
import time

try:
    import uno
    from com.sun.star.beans import PropertyValue
    from com.sun.star.connection import NoConnectException
except ImportError as error:
    print(json.dumps({"ready": False, "missing_uno": True, "error": str(error)}), flush=True)
    sys.exit(3)

PR_SET_PDEATHSIG = 1
CONNECT_SECONDS = 60
RESTART_STATUS = 81


def log(message):
    print("pdf-worker[%d]: %s" % (os.getpid(), message), file=sys.stderr, flush=True)


def die_with_parent():
    """soffice.bin gets SIGKILL when this script dies, whatever kills it."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def watch_parent(parent):
    """When the Swift process is gone (its pipe may be held open by nobody else), end the whole group."""
    while True:
        time.sleep(1)
        if os.getppid() != parent:
            os.killpg(os.getpgid(0), signal.SIGKILL)


def properties(**values):
    result = []
    for name, value in values.items():
        item = PropertyValue()
        item.Name = name
        item.Value = value
        result.append(item)
    return tuple(result)


def file_url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


# util-linux's setpriv sets the parent-death signal and then runs soffice.bin, so that no Python runs between fork
# and exec: this process has a second thread (watch_parent), and Python code in a child forked from a threaded
# process (preexec_fn) may deadlock before exec, leaving a child that never becomes soffice.bin.
SETPRIV = "/usr/bin/setpriv"


def start_office(binary, profile_url, pipe):
    command = [binary, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
               "-env:UserInstallation=" + profile_url,
               "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe]
    if os.access(SETPRIV, os.X_OK):
        return subprocess.Popen([SETPRIV, "--pdeathsig", "KILL", "--"] + command,
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=sys.stderr)
    return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=sys.stderr,
                            preexec_fn=die_with_parent)


def connect(binary, profile_url, pipe):
    """Starts soffice.bin and returns it with its Desktop. A fresh profile makes soffice.bin exit with status 81
    ("restart me") once it has written the profile, as oosplash would handle; that restart happens here."""
    office = start_office(binary, profile_url, pipe)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        if office.poll() == RESTART_STATUS:
            office = start_office(binary, profile_url, pipe)
        elif office.poll() is not None:
            raise RuntimeError("soffice.bin exited with status %d while starting" % office.returncode)
        try:
            context = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            return office, context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        except NoConnectException:
            if time.monotonic() > deadline:
                raise RuntimeError("soffice.bin did not accept a connection within %d s" % CONNECT_SECONDS)
            time.sleep(0.05)


def export_pdf(document, output, pdf_version):
    filter_data = uno.Any("[]com.sun.star.beans.PropertyValue", properties(SelectPdfVersion=pdf_version))
    document.storeToURL(file_url(output), properties(FilterName="writer_pdf_Export", FilterData=filter_data))


def warm_up(desktop, folder):
    """Loads Writer and the PDF export once, so that the first real request is as fast as the others."""
    document = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, properties(Hidden=True))
    try:
        export_pdf(document, os.path.join(folder, "warm-up.pdf"), 0)
    finally:
        document.close(True)
    os.remove(os.path.join(folder, "warm-up.pdf"))


def convert(desktop, request):
    # Untrusted input: never run macros, never update links, never repair silently.
    document = desktop.loadComponentFromURL(
        file_url(request["input"]), "_blank", 0,
        properties(Hidden=True, ReadOnly=True, FilterName=request["filter"], MacroExecutionMode=0, UpdateDocMode=0,
                   RepairPackage=False, Silent=True))
    if document is None:
        raise ValueError("LibreOffice could not open the document with filter %s" % request["filter"])
    try:
        export_pdf(document, request["output"], int(request.get("pdf_version", 0)))
    except Exception:
        document.close(True)
        raise
    return document


def office_died(office, wait):
    """Whether soffice.bin has exited; after a lost bridge, gives it a moment to be reaped."""
    for _ in range(40 if wait else 1):
        if office.poll() is not None:
            return True
        if wait:
            time.sleep(0.05)
    return False


def main():
    binary, profile_url, pipe = sys.argv[1:4]
    threading.Thread(target=watch_parent, args=(os.getppid(),), daemon=True).start()
    office = None
    try:
        office, desktop = connect(binary, profile_url, pipe)
        warm_up(desktop, os.path.dirname(uno.fileUrlToSystemPath(profile_url)))
    except Exception as error:
        print(json.dumps({"ready": False, "error": "%s: %s" % (type(error).__name__, error)}), flush=True)
        sys.exit(4)
    print(json.dumps({"ready": True, "office_pid": office.pid}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        document = None
        try:
            document = convert(desktop, request)
            reply = {"ok": True}
        except Exception as error:
            # A lost bridge raises here too; only a dead soffice.bin makes this worker unusable. A document
            # LibreOffice refuses raises IllegalArgumentException or IOException, and soffice.bin lives on.
            died = office_died(office, wait=type(error).__name__.endswith(("DisposedException", "RuntimeException")))
            reply = {"ok": False, "error": "%s: %s" % (type(error).__name__, error), "office_died": died}
        print(json.dumps(reply), flush=True)
        if not reply["ok"] and reply["office_died"]:
            sys.exit(5)
        # Closed after the answer: the PDF is complete, and the pool reads it while LibreOffice tidies up.
        if document is not None:
            try:
                document.close(True)
            except Exception as error:
                log("closing the document failed: %s" % error)
    # The pool closed our input: nothing more to do.
    office.kill()
    office.wait()


if __name__ == "__main__":
    main()
