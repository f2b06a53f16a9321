"""Summary of one bench/run.sh run: reads RAW/anchors.jsonl and RAW/vanban.jsonl, prints Markdown.

Medians are taken over the interleaved repeats. docs/s is documents / loop time (both harnesses
time the same way: one process, a warm-up first, then a timed loop). render/floor is the median of
the per-run ratios `vanban bench render --floor` prints (render median ms / package-rewrite median ms,
measured in the same process).
"""
import argparse, json, os, statistics, sys

ap = argparse.ArgumentParser()
ap.add_argument("raw")
for opt in ("command", "date", "nproc", "cpu", "pinned", "load", "swift", "source", "repeat", "anchors-docs", "docs", "big-docs"):
    ap.add_argument("--" + opt, required=True)
a = ap.parse_args()


def load(name):
    with open(os.path.join(a.raw, name), encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


anchors, vanban = load("anchors.jsonl"), load("vanban.jsonl")
med = statistics.median


def engine_runs(prefix):
    rs = [r for r in anchors if r["engine"].split()[0] == prefix]
    if not rs:
        sys.exit(f"summarize.py: no results for {prefix}")
    return rs


def vb(case, fmt):
    rs = [r for r in vanban if r["case"] == case and r["format"] == fmt]
    if not rs:
        sys.exit(f"summarize.py: no VanBan results for {case} {fmt}")
    return rs


eng = {k: engine_runs(k) for k in ("docxtpl", "relatorio", "py3o.template")}
ver = {k: v[0]["engine"] for k, v in eng.items()}
eng_dps = {k: med([r["docs_per_s"] for r in v]) for k, v in eng.items()}
row = {}
for fmt in ("docx", "odt"):
    r40, r5k, rss = vb("rows40", fmt), vb("rows5000", fmt), vb("rss5000", fmt)
    row[fmt] = {
        "dps": med([r["docs_per_s"] for r in r40]),
        "dps_runs": [r["docs_per_s"] for r in r40],
        "ms": med([r["median_ms"] for r in r40]),
        "floor": med([r["floor_median_ms"] for r in r40]),
        "ratio": med([r["render_to_floor"] for r in r40]),
        "ratio_runs": [r["render_to_floor"] for r in r40],
        "out_kb": r40[0]["out_kb"],
        "compile_ms": med([r["compile_ms"] for r in r40]),
        "big_ms": med([r["median_ms"] for r in r5k]),
        "big_p95": max(r["p95_ms"] for r in r5k),
        "rss": max(r["max_rss_kb"] for r in rss) / 1024,
    }


def n(x, d=0):
    return f"{x:,.{d}f}"


def x(v):
    return f"{v:,.0f}×" if v >= 100 else f"{v:,.1f}×"


D, O = row["docx"], row["odt"]
vs_docxtpl = D["dps"] / eng_dps["docxtpl"]
vs_relatorio = O["dps"] / eng_dps["relatorio"]
vs_py3o = O["dps"] / eng_dps["py3o.template"]

out = []
p = out.append
p(f"### VanBan vs the anchors ({a.date})")
p("")
p(f"- command: `{a.command}` — {a.repeat} interleaved repeat(s), medians; anchors {a.anchors_docs} documents per engine and run, "
  f"VanBan {a.docs} documents per format and run (40 rows), {a.big_docs} documents at 5,000 rows")
p(f"- machine: {a.cpu}, nproc {a.nproc}, pinned: {a.pinned}; load average {a.load} (shared machine, other work may run)")
p(f"- software: {a.swift} (vanban built -c release from {a.source}), {ver['docxtpl']}, {ver['relatorio']}, {ver['py3o.template']} "
  f"on Python {eng['docxtpl'][0].get('python', '?')}")
p("")
p("| format | VanBan docs/s | anchor docs/s | VanBan / anchor | VanBan median ms | floor median ms | render/floor | 5,000 rows median ms | peak RSS 5,000 rows |")
p("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
p(f"| DOCX | {n(D['dps'])} | docxtpl {n(eng_dps['docxtpl'], 1)} | {x(vs_docxtpl)} | {D['ms']:.3f} | {D['floor']:.3f} | {D['ratio']:.2f} | {D['big_ms']:.1f} | {D['rss']:.1f} MB |")
p(f"| ODT | {n(O['dps'])} | relatorio {n(eng_dps['relatorio'], 1)} | {x(vs_relatorio)} | {O['ms']:.3f} | {O['floor']:.3f} | {O['ratio']:.2f} | {O['big_ms']:.1f} | {O['rss']:.1f} MB |")
p(f"| ODT | | py3o {n(eng_dps['py3o.template'], 1)} | {x(vs_py3o)} | | | | | |")
p("")


def verdict(ok):
    return "PASS" if ok else "FAIL"


targets = [
    ("≥ 2,000 docs/s", f"{verdict(D['dps'] >= 2000)} ({n(D['dps'])})", f"{verdict(O['dps'] >= 2000)} ({n(O['dps'])})"),
    ("≥ 10× docxtpl (DOCX)", f"{verdict(vs_docxtpl >= 10)} ({x(vs_docxtpl)})", "—"),
    ("≥ 5× relatorio (ODT)", "—", f"{verdict(vs_relatorio >= 5)} ({x(vs_relatorio)})"),
    ("render/floor ≤ 1.5", f"{verdict(D['ratio'] <= 1.5)} ({D['ratio']:.2f})", f"{verdict(O['ratio'] <= 1.5)} ({O['ratio']:.2f})"),
    ("5,000 rows ≤ 50 ms", f"{verdict(D['big_ms'] <= 50)} ({D['big_ms']:.1f} ms)", f"{verdict(O['big_ms'] <= 50)} ({O['big_ms']:.1f} ms)"),
    ("peak RSS at 5,000 rows ≤ 50 MB", f"{verdict(D['rss'] <= 50)} ({D['rss']:.1f} MB)", f"{verdict(O['rss'] <= 50)} ({O['rss']:.1f} MB)"),
]
p("| target | DOCX | ODT |")
p("|---|---|---|")
for t in targets:
    p(f"| {t[0]} | {t[1]} | {t[2]} |")
p("")
runs = lambda v: ", ".join(n(r) if r >= 100 else f"{r:.1f}" for r in v)
p("Per run (docs/s, in run order): "
  f"VanBan DOCX {runs(D['dps_runs'])}; VanBan ODT {runs(O['dps_runs'])}; "
  + "; ".join(f"{k} {runs([r['docs_per_s'] for r in v])}" for k, v in eng.items())
  + f". render/floor per run: DOCX {', '.join(f'{r:.2f}' for r in D['ratio_runs'])}; ODT {', '.join(f'{r:.2f}' for r in O['ratio_runs'])}.")
p(f"Output size: VanBan DOCX {D['out_kb']:.1f} KB, ODT {O['out_kb']:.1f} KB; "
  + ", ".join(f"{k} {v[0]['avg_out_kb']:.1f} KB" for k, v in eng.items())
  + f". Compile once: DOCX {D['compile_ms']:.1f} ms, ODT {O['compile_ms']:.1f} ms. "
  f"5,000-row p95: DOCX {D['big_p95']:.1f} ms, ODT {O['big_p95']:.1f} ms. "
  "Peak RSS is /usr/bin/time's maximum resident set size of one `vanban render` process.")
print("\n".join(out))
