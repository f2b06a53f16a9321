"""Build the anchors' workload as VanBan templates, dump its data, and verify VanBan's output.

Usage (run with the anchors venv, which has lxml and python-docx):
    python make_workload.py ANCHORS_WORK OUT_DIR [VANBAN_BINARY]

ANCHORS_WORK is the folder where the anchors' run.sh wrote templates/ and copied bench_data.py
and verify.py. Writes into OUT_DIR:
    W.docx          templates/decision_lean.docx (docxtpl's template) with its Jinja tags in VanBan syntax
    W.odt           templates/decision_relatorio.odt (relatorio's template) with its placeholders as VanBan tags
    data-40.json    bench_data.make_context(40, 0)
    data-5000.json  bench_data.make_context(5000, 0)
With VANBAN_BINARY it also renders one document per format with `vanban render` into
OUT_DIR/verify/out/ and runs a copy of the anchors' verify.py there (plus a few checks of its own);
any failed check ends the script with exit code 1.

Only the part that holds the tags (word/document.xml, content.xml) is rewritten, on the parsed
XML with lxml (text nodes edited, w:tr / table:table-row elements removed); every other entry is
copied with the same bytes, name, order, timestamp and compression method.
"""
import json, os, re, shutil, subprocess, sys, zipfile
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


class WorkloadError(Exception):
    pass


def fail(msg):
    raise WorkloadError(msg)


# ------------------------------------------------------------------ zip helpers
def read_zip(path):
    with zipfile.ZipFile(path) as z:
        return [(info, z.read(info.filename)) for info in z.infolist()]


def write_zip(path, entries, replaced):
    """Writes entries in their original order, names, timestamps and compression methods;
    `replaced` maps a part name to its new bytes."""
    with zipfile.ZipFile(path, "w") as z:
        for info, data in entries:
            new = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            new.compress_type = info.compress_type
            new.external_attr = info.external_attr
            new.create_system = info.create_system
            z.writestr(new, replaced.get(info.filename, data))


def serialise(root, original):
    """lxml serialisation with the original's XML declaration style."""
    head = original[:100].decode("utf-8", "replace")
    standalone = None
    m = re.search(r"standalone=['\"](yes|no)['\"]", head)
    if m:
        standalone = m.group(1) == "yes"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=standalone)


# ------------------------------------------------------------------ tag translation (Jinja / Genshi -> VanBan)
def value_tag(expr, loop_var):
    """`m.name` inside `for m in …` -> `name`; `signatory.title` stays dotted."""
    expr = expr.strip()
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*", expr):
        fail(f"unsupported expression in a value tag: {expr!r}")
    if loop_var and expr.startswith(loop_var + "."):
        expr = expr[len(loop_var) + 1:]
    elif loop_var and expr == loop_var:
        expr = "."
    return "{{" + expr + "}}"


def rewrite_text_nodes(nodes, pattern, replace):
    """Rewrites every match of `pattern` in the joined text of `nodes` (objects with get()/set()
    of a string), even when a match is spread over several nodes: the replacement goes into the
    node where the match starts, the rest of the match is deleted from the nodes it reaches."""
    texts = [n.get() for n in nodes]
    matches = list(pattern.finditer("".join(texts)))
    for m in reversed(matches):          # from the end, so earlier offsets stay valid
        new, a, b = replace(m), m.start(), m.end()
        lo = 0
        for i, t in enumerate(texts):
            hi = lo + len(t)
            if lo <= a < hi:             # the node where the match starts
                texts[i] = t[:a - lo] + new + t[min(b, hi) - lo:]
            elif a < lo < b:             # a node the match reaches into
                texts[i] = t[min(b, hi) - lo:]
            lo = hi
    if matches:
        for n, t in zip(nodes, texts):
            n.set(t)
    return len(matches)


class WText:
    """A w:t element as a text node."""
    def __init__(self, el):
        self.el = el

    def get(self):
        return self.el.text or ""

    def set(self, s):
        self.el.text = s
        if s != s.strip() and s:
            self.el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


# ------------------------------------------------------------------ DOCX
JINJA = re.compile(r"\{\{(.*?)\}\}|\{%(.*?)%\}", re.S)


def docx_paragraph_nodes(p):
    return [WText(t) for t in p.iter(W + "t")]


def docx_text(el):
    return "".join(t.text or "" for t in el.iter(W + "t"))


def first_or_new_t(p, at_end=False):
    ts = list(p.iter(W + "t"))
    if ts:
        return ts[-1] if at_end else ts[0]
    r = etree.SubElement(p, W + "r")
    return etree.SubElement(r, W + "t")


def rewrite_docx(src, dst):
    entries = read_zip(src)
    original = dict((i.filename, d) for i, d in entries)["word/document.xml"]
    root = etree.fromstring(original)
    body = root.find(W + "body")
    if body is None:
        fail("DOCX: no w:body")

    # 1. table rows: {%tr for m in members %} / body row / {%tr endfor %} -> one row
    loops = 0
    for tbl in list(root.iter(W + "tbl")):
        rows = [r for r in tbl if r.tag == W + "tr"]
        i = 0
        while i < len(rows):
            m = re.search(r"\{%\s*tr\s+for\s+(\w+)\s+in\s+([\w.]+)\s*%\}", docx_text(rows[i]))
            if not m:
                i += 1
                continue
            var, seq = m.group(1), m.group(2)
            j = i + 1
            while j < len(rows) and not re.search(r"\{%\s*tr\s+endfor\s*%\}", docx_text(rows[j])):
                j += 1
            if j >= len(rows):
                fail("DOCX: {%tr for %} without {%tr endfor %}")
            body_rows = rows[i + 1:j]
            if len(body_rows) != 1:
                fail(f"DOCX: expected one row between {{%tr for %}} and {{%tr endfor %}}, found {len(body_rows)}")
            row = body_rows[0]
            for p in row.iter(W + "p"):
                rewrite_text_nodes(docx_paragraph_nodes(p), re.compile(r"\{\{(.*?)\}\}", re.S),
                                   lambda mm: value_tag(mm.group(1), var))
            cells = [c for c in row if c.tag == W + "tc"]
            first_p = cells[0].find(W + "p")
            last_p = cells[-1].findall(W + "p")[-1]
            t0 = first_or_new_t(first_p)
            WText(t0).set("{{#" + seq + "}}" + (t0.text or ""))
            t1 = first_or_new_t(last_p, at_end=True)
            WText(t1).set((t1.text or "") + "{{/" + seq + "}}")
            tbl.remove(rows[i])
            tbl.remove(rows[j])
            loops += 1
            rows = [r for r in tbl if r.tag == W + "tr"]
            i = 0
    if loops != 1:
        fail(f"DOCX: expected one table loop, rewrote {loops}")

    # 2. paragraphs: {%p if x %} / {%p endif %} and value tags
    open_ifs = []

    def repl(m):
        if m.group(1) is not None:
            if m.group(1)[:1] in "#/^":  # a VanBan section tag written by the row rewrite
                return m.group(0)
            return value_tag(m.group(1), None)
        stmt = m.group(2).strip()
        mm = re.fullmatch(r"p\s+if\s+(not\s+)?([\w.]+)", stmt)
        if mm:
            open_ifs.append(mm.group(2))
            return "{{" + ("^" if mm.group(1) else "#") + mm.group(2) + "}}"
        if re.fullmatch(r"p\s+endif", stmt):
            if not open_ifs:
                fail("DOCX: {%p endif %} without {%p if %}")
            return "{{/" + open_ifs.pop() + "}}"
        fail(f"DOCX: unsupported statement {{% {stmt} %}}")

    for p in list(root.iter(W + "p")):
        nodes = docx_paragraph_nodes(p)
        text = "".join(n.get() for n in nodes)
        if "{%p" in text and text.strip() != JINJA.search(text).group(0).strip():
            fail(f"DOCX: a {{%p %}} tag must be alone in its paragraph: {text!r}")
        rewrite_text_nodes(nodes, JINJA, repl)
    if open_ifs:
        fail(f"DOCX: unclosed {{%p if %}}: {open_ifs}")
    left = docx_text(root)
    if "{%" in left or "{{ " in left:
        fail(f"DOCX: Jinja syntax left after the rewrite: {left!r}")

    write_zip(dst, entries, {"word/document.xml": serialise(root, original)})
    return left


# ------------------------------------------------------------------ ODT
def odt_replace_placeholder(ph, text):
    """Replaces the text:placeholder element by plain text in its parent."""
    parent = ph.getparent()
    s = text + (ph.tail or "")
    prev = ph.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + s
    else:
        parent.text = (parent.text or "") + s
    parent.remove(ph)


def odt_append_text(p, s, at_start):
    if at_start:
        p.text = s + (p.text or "")
    else:
        last = p[-1] if len(p) else None
        if last is not None:
            last.tail = (last.tail or "") + s
        else:
            p.text = (p.text or "") + s


def genshi(ph):
    t = "".join(ph.itertext()).strip()
    if not (t.startswith("<") and t.endswith(">")):
        fail(f"ODT: placeholder is not a Genshi directive: {t!r}")
    return t[1:-1].strip()


def rewrite_odt(src, dst):
    entries = read_zip(src)
    if entries[0][0].filename != "mimetype" or entries[0][0].compress_type != zipfile.ZIP_STORED:
        fail("ODT: the source's mimetype is not the first, stored entry")
    original = dict((i.filename, d) for i, d in entries)["content.xml"]
    root = etree.fromstring(original)
    PH = TEXT + "placeholder"

    # 1. table loops
    loops = 0
    for tbl in list(root.iter(TABLE + "table")):
        rows = [r for r in tbl.iter(TABLE + "table-row")]
        i = 0
        while i < len(rows):
            phs = [genshi(ph) for ph in rows[i].iter(PH)]
            m = next((re.fullmatch(r'for\s+each="(\w+)\s+in\s+([\w.]+)"', x) for x in phs if x.startswith("for ")), None)
            if not m:
                i += 1
                continue
            var, seq = m.group(1), m.group(2)
            j = i + 1
            while j < len(rows) and "/for" not in [genshi(ph) for ph in rows[j].iter(PH)]:
                j += 1
            if j >= len(rows):
                fail("ODT: <for> without </for>")
            if j - i - 1 != 1:
                fail(f"ODT: expected one row between <for> and </for>, found {j - i - 1}")
            row = rows[i + 1]
            for ph in list(row.iter(PH)):
                odt_replace_placeholder(ph, value_tag(genshi(ph), var))
            cells = [c for c in row if c.tag == TABLE + "table-cell"]
            first_p = cells[0].find(TEXT + "p")
            last_p = cells[-1].findall(TEXT + "p")[-1]
            odt_append_text(first_p, "{{#" + seq + "}}", at_start=True)
            odt_append_text(last_p, "{{/" + seq + "}}", at_start=False)
            rows[i].getparent().remove(rows[i])
            rows[j].getparent().remove(rows[j])
            loops += 1
            rows = [r for r in tbl.iter(TABLE + "table-row")]
            i = 0
    if loops != 1:
        fail(f"ODT: expected one table loop, rewrote {loops}")

    # 2. the rest, in document order
    open_ifs = []
    for ph in list(root.iter(PH)):
        d = genshi(ph)
        m = re.fullmatch(r'if\s+test="(not\s+)?([\w.]+)"', d)
        if m:
            p = ph.getparent()
            if "".join(p.itertext()).strip() != "".join(ph.itertext()).strip():
                fail("ODT: an <if> placeholder must be alone in its paragraph")
            open_ifs.append(m.group(2))
            odt_replace_placeholder(ph, "{{" + ("^" if m.group(1) else "#") + m.group(2) + "}}")
        elif d == "/if":
            if not open_ifs:
                fail("ODT: </if> without <if>")
            odt_replace_placeholder(ph, "{{/" + open_ifs.pop() + "}}")
        else:                            # value_tag() refuses anything but a dotted name
            odt_replace_placeholder(ph, value_tag(d, None))
    if open_ifs:
        fail(f"ODT: unclosed <if>: {open_ifs}")
    if list(root.iter(PH)):
        fail("ODT: placeholders left after the rewrite")

    write_zip(dst, entries, {"content.xml": serialise(root, original)})
    return "".join(root.itertext())


# ------------------------------------------------------------------ checks
def check_same_package(src, dst, part):
    a, b = read_zip(src), read_zip(dst)
    if [i.filename for i, _ in a] != [i.filename for i, _ in b]:
        fail(f"{dst}: entry list differs from {src}")
    for (ia, da), (ib, db) in zip(a, b):
        if ia.compress_type != ib.compress_type:
            fail(f"{dst}: {ia.filename} compression method changed")
        if ia.filename != part and da != db:
            fail(f"{dst}: {ia.filename} is not byte-identical to the anchors' template")


def paragraph_count(path):
    with zipfile.ZipFile(path) as z:
        if path.endswith(".docx"):
            root = etree.fromstring(z.read("word/document.xml"))
            return sum(1 for _ in root.iter(W + "p"))
        root = etree.fromstring(z.read("content.xml"))
        return sum(1 for _ in root.iter(TEXT + "p"))


def verify(anchors_work, out_dir, vanban):
    vdir = os.path.join(out_dir, "verify")
    shutil.rmtree(vdir, ignore_errors=True)
    os.makedirs(os.path.join(vdir, "out"))
    shutil.copy(os.path.join(anchors_work, "verify.py"), vdir)     # the anchors' own checks, unchanged
    outs = {}
    for ext in ("docx", "odt"):
        out = os.path.join(vdir, "out", f"vanban.{ext}")
        subprocess.run([vanban, "render", "--template", os.path.join(out_dir, f"W.{ext}"),
                        "--data", os.path.join(out_dir, "data-40.json"), "--out", out], check=True)
        outs[ext] = out
    r = subprocess.run([sys.executable, os.path.join(vdir, "verify.py")], capture_output=True, text=True)
    sys.stderr.write("".join("  verify.py: " + l + "\n" for l in r.stdout.splitlines()))
    if r.returncode != 0:
        fail("the anchors' verify.py failed on VanBan's output:\n" + r.stdout + r.stderr)
    if r.stdout.count(" OK") != 2:
        fail("verify.py did not check both VanBan outputs:\n" + r.stdout)

    # extra: same paragraph count as the anchors' own output (tag paragraphs vanish, no blank lines),
    # and the ODT keeps mimetype first and stored
    for ext, ref in (("docx", "docxtpl_decision_lean.docx"), ("odt", "relatorio.odt")):
        ref_path = os.path.join(anchors_work, "out", ref)
        if os.path.exists(ref_path):
            a, b = paragraph_count(outs[ext]), paragraph_count(ref_path)
            sys.stderr.write(f"  paragraphs: vanban.{ext} {a}, {ref} {b}\n")
            if a != b:
                fail(f"vanban.{ext} has {a} paragraphs, the anchor's {ref} has {b}")
    with zipfile.ZipFile(outs["odt"]) as z:
        first = z.infolist()[0]
        if first.filename != "mimetype" or first.compress_type != zipfile.ZIP_STORED:
            fail("vanban.odt: mimetype is not the first, stored entry")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    anchors_work, out_dir = sys.argv[1], sys.argv[2]
    vanban = sys.argv[3] if len(sys.argv) > 3 else None
    os.makedirs(out_dir, exist_ok=True)
    tpl = os.path.join(anchors_work, "templates")
    sys.path.insert(0, anchors_work)
    from bench_data import make_context

    pairs = [(os.path.join(tpl, "decision_lean.docx"), os.path.join(out_dir, "W.docx"), "word/document.xml"),
             (os.path.join(tpl, "decision_relatorio.odt"), os.path.join(out_dir, "W.odt"), "content.xml")]
    rewrite_docx(pairs[0][0], pairs[0][1])
    rewrite_odt(pairs[1][0], pairs[1][1])
    for src, dst, part in pairs:
        check_same_package(src, dst, part)
        sys.stderr.write(f"  {os.path.basename(dst)}: {os.path.getsize(dst)} bytes (from {os.path.basename(src)}, {os.path.getsize(src)} bytes)\n")
    for n in (40, 5000):
        with open(os.path.join(out_dir, f"data-{n}.json"), "w", encoding="utf-8") as f:
            json.dump(make_context(n, 0), f, ensure_ascii=False)
    if vanban:
        verify(anchors_work, out_dir, vanban)
        sys.stderr.write("  VanBan output passes the anchors' checks\n")


if __name__ == "__main__":
    try:
        main()
    except (WorkloadError, subprocess.CalledProcessError) as e:
        sys.stderr.write(f"make_workload.py: FAILED: {e}\n")
        sys.exit(1)
