"""Asks LibreOffice what it thinks of the signatures of an ODF document (Tests/SigningTests/ODFToolTests.swift).

Run with Debian's /usr/bin/python3 (python3-uno):
    odf-signature-state.py FILE.odt PROFILE_DIR
with MOZILLA_CERTIFICATE_FOLDER naming the NSS database that holds the trusted test CA. Starts a private headless
LibreOffice, reads the document's package with a zip storage (as LibreOffice does when it opens a signed file),
calls XDocumentDigitalSignatures.verifyDocumentContentSignatures and prints one JSON line per signature:
    {"signer": "CN=...", "valid": true, "partial": false, "certificate_status": 0}
valid: the signature value and every reference digest are right; partial: some stream of the package is not
covered; certificate_status: com.sun.star.security.CertificateValidity flags (0 = VALID, trusted chain).
"""
import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.embed.ElementModes import READ


RESTART_STATUS = 81


def start_office(profile, pipe):
    return subprocess.Popen(
        ["/usr/lib/libreoffice/program/soffice.bin", "--headless", "--invisible", "--nologo", "--norestore",
         "--nodefault", "--nolockcheck", "-env:UserInstallation=" + uno.systemPathToFileUrl(os.path.abspath(profile)),
         "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main(path, profile):
    pipe = "vanban-odfsig-%d" % os.getpid()
    office = start_office(profile, pipe)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        context = None
        deadline = time.time() + 90
        while context is None:
            try:
                context = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            except Exception:
                # A new profile makes soffice.bin exit once with 81 after creating it: start it again.
                if office.poll() == RESTART_STATUS:
                    office = start_office(profile, pipe)
                elif time.time() > deadline or office.poll() is not None:
                    raise
                time.sleep(0.2)
        manager = context.ServiceManager
        zip_format = PropertyValue()
        zip_format.Name = "StorageFormat"
        zip_format.Value = "ZipFormat"
        factory = manager.createInstanceWithContext("com.sun.star.embed.StorageFactory", context)
        storage = uno.invoke(factory, "createInstanceWithArguments", ((
            uno.systemPathToFileUrl(os.path.abspath(path)), READ,
            uno.Any("[]com.sun.star.beans.PropertyValue", (zip_format,))),))
        signatures = manager.createInstanceWithArgumentsAndContext(
            "com.sun.star.security.DocumentDigitalSignatures", ("1.2", False), context)
        for info in signatures.verifyDocumentContentSignatures(storage, None):
            print(json.dumps({
                "signer": info.Signer.SubjectName if info.Signer else None,
                "valid": bool(info.SignatureIsValid),
                "partial": bool(info.PartialDocumentSignature),
                "certificate_status": int(info.CertificateStatus),
            }, ensure_ascii=False), flush=True)
        try:
            manager.createInstanceWithContext("com.sun.star.frame.Desktop", context).terminate()
        except Exception:
            pass
        office.wait(timeout=30)
    finally:
        if office.poll() is None:
            office.kill()
            office.wait()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
