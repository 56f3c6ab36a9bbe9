#!/usr/bin/env python
"""Benchmark for issue 12 (the archive): every figure from whole `kp` / `python` processes in one run.

    python bench/archive.py                          # the full run: 3,649 articles, 400 for the ratios
    python bench/archive.py --all 40 --sample 40     # a quick check that everything works (a few minutes)

Writes bench/ARCHIVE.md (``--out`` to change) and prints the same.  Needs the archive extra and psutil.

(a) all --all corpus articles through `--format sqlite --jobs 2`: no hang (a time cap), no lost article
    (articles + errors rows = inputs), internal errors (errors rows that are not unreadable input), and the
    kp process's own RSS (workers excluded) sampled against the number of articles written: flat = no growth
(b) --sample articles: `--jobs 2` against `--jobs 1` (jsonl to /dev/null)            target >= 1.8x
(c) kp against plain `ja_ginza` `nlp.pipe` over the same texts, same number of processes   target <= 1.15x
(d) `--cluster local:2` against `--jobs 2`                                            target <= 1.2x
(e) `--format sqlite` against `--format jsonl` (both --jobs 2): the database's cost   target <= 5 %
(f) a second `--format sqlite` run over the unchanged folder against the first        target <= 5 %
Wall times include loading the model, as a user sees them.  The machine's other load is not controlled:
compare ratios from one run, not figures from different runs.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
ENV = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
KP = [sys.executable, "-m", "kimputin_cli"]

PLAIN = """
import sys, glob, spacy
nlp = spacy.load("ja_ginza")
texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(sys.argv[1] + "/*.txt"))]
n = int(sys.argv[2])
for doc in nlp.pipe(texts, n_process=n, **({"batch_size": 16} if n > 1 else {})):
    pass
"""


def run(cmd: list[str], timeout: float, sample=None) -> dict:
    """Wall time, exit code and samples of the process's own RSS (``sample()`` is called with it)."""
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env=ENV,
                            start_new_session=True)
    ps = psutil.Process(proc.pid)
    peak, child_peak, samples, timed_out = 0, 0, [], False
    while proc.poll() is None:
        try:
            rss = ps.memory_info().rss
            peak = max(peak, rss)
            sizes = [c.memory_info().rss for c in ps.children(recursive=True)]
            children = sum(sizes)
            child_peak = max([child_peak, *sizes])
            if sample is not None:
                samples.append((time.perf_counter() - start, rss, children, sample()))
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
        if time.perf_counter() - start > timeout:
            os.killpg(proc.pid, signal.SIGKILL)
            timed_out = True
            break
        time.sleep(0.5)
    _, err = proc.communicate()
    return {"wall": time.perf_counter() - start, "code": proc.returncode, "peak": peak, "child_peak": child_peak,
            "samples": samples,
            "timed_out": timed_out, "stderr": err.decode("utf-8", "replace")}


def db_count(db: Path):
    def count():
        try:
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
            n = con.execute("select count(*) from articles").fetchone()[0]
            con.close()
            return n
        except sqlite3.Error:
            return None
    return count


def write_corpus(folder: Path, count: int) -> int:
    subprocess.run([sys.executable, str(ROOT / "bench" / "corpus_files.py"), str(folder), "--count", str(count)],
                   check=True, stdout=subprocess.DEVNULL)
    return len(list(folder.glob("*.txt")))


def mib(n: float) -> str:
    return f"{n / 2**20:,.0f} MiB"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--all", type=int, default=0, help="articles for (a); 0 = all 3,649 [default]")
    ap.add_argument("--sample", type=int, default=400, help="articles for (b)-(f) [default 400]")
    ap.add_argument("--timeout", type=float, default=6 * 3600, help="the hang cap for one process, seconds")
    ap.add_argument("--skip", default="", help="comma-separated parts to leave out: a,b,c,d,e,f")
    ap.add_argument("--out", default=str(ROOT / "bench" / "ARCHIVE.md"))
    ap.add_argument("--keep-db", default=None, metavar="PATH",
                    help="copy (a)'s database here (bench/corpus_sweep.py --db summarises it)")
    args = ap.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    work = Path(tempfile.mkdtemp(prefix="kp-archive-bench-"))
    lines = [f"# Archive benchmark (issue 12)", "",
             f"`python bench/archive.py --all {args.all} --sample {args.sample}` on {platform.node()}, "
             f"{os.cpu_count()} cores, Python {platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M')} UTC", ""]

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    try:
        sample_dir = work / "sample"
        n_sample = write_corpus(sample_dir, args.sample)
        if "a" not in skip:
            all_dir = work / "all"
            n_all = write_corpus(all_dir, args.all)
            db = work / "all.db"
            r = run([*KP, "extract", str(all_dir), "--format", "sqlite", "-o", str(db), "--jobs", "2"],
                    args.timeout, sample=db_count(db))
            if args.keep_db:
                shutil.copy(db, args.keep_db)
                Path(args.keep_db + ".wall").write_text(f"{r['wall']:.1f}\n")
            con = sqlite3.connect(db)
            arts = con.execute("select count(*) from articles").fetchone()[0]
            errs = con.execute("select type, component, count(*) from errors group by 1, 2").fetchall()
            internal = sum(n for t, _, n in errs if t != "input")
            pts = [(n, rss) for _, rss, _, n in r["samples"] if n]
            say(f"## (a) {n_all} articles through --format sqlite --jobs 2")
            say("")
            say(f"- {'HUNG (killed at the time cap)' if r['timed_out'] else 'ended'}, exit code {r['code']}, "
                f"{r['wall']:.0f} s ({n_all / r['wall']:.1f} articles/s)")
            say(f"- lost: {n_all - arts - sum(n for *_, n in errs)} (articles rows {arts}, errors rows "
                f"{sum(n for *_, n in errs)}); internal errors: {internal} {errs if errs else ''}")
            if pts:
                first = max((rss for n, rss in pts if n < n_all / 2), default=0)
                second = max((rss for n, rss in pts if n >= n_all / 2), default=0)
                say(f"- kp process RSS (workers excluded), peak while writing the first half of the articles: "
                    f"{mib(first)}, the second half: {mib(second)} (growth {mib(second - first)}); "
                    f"peak over the run {mib(r['peak'])}")
            say("")
        rows = []
        if "b" not in skip or "c" not in skip:
            j1 = run([*KP, "extract", str(sample_dir), "--format", "jsonl", "--jobs", "1"], args.timeout)
            j2 = run([*KP, "extract", str(sample_dir), "--format", "jsonl", "--jobs", "2"], args.timeout)
            rows.append(("(b) --jobs 2 vs --jobs 1", j1["wall"] / j2["wall"], ">= 1.8x faster",
                         f"{j1['wall']:.1f} s / {j2['wall']:.1f} s; one process: {n_sample / j1['wall']:.2f} "
                         f"articles/s, peak {mib(j1['peak'])}"))
        if "c" not in skip:
            p1 = run([sys.executable, "-c", PLAIN, str(sample_dir), "1"], args.timeout)
            p2 = run([sys.executable, "-c", PLAIN, str(sample_dir), "2"], args.timeout)
            rows.append(("(c) kp --jobs 1 vs nlp.pipe, 1 process", j1["wall"] / p1["wall"], "<= 1.15x",
                         f"{j1['wall']:.1f} s / {p1['wall']:.1f} s"))
            rows.append(("(c) kp --jobs 2 vs nlp.pipe n_process=2", j2["wall"] / p2["wall"], "<= 1.15x",
                         f"{j2['wall']:.1f} s / {p2['wall']:.1f} s"))
        if "d" not in skip:
            if "b" in skip:
                j2 = run([*KP, "extract", str(sample_dir), "--format", "jsonl", "--jobs", "2"], args.timeout)
            dk = run([*KP, "extract", str(sample_dir), "--format", "jsonl", "--cluster", "local:2"], args.timeout)
            rows.append(("(d) --cluster local:2 vs --jobs 2", dk["wall"] / j2["wall"], "<= 1.2x",
                         f"{dk['wall']:.1f} s / {j2['wall']:.1f} s; largest Dask process {mib(dk['child_peak'])}, "
                         f"largest --jobs worker {mib(j2['child_peak'])}"
                         + ("" if dk["code"] in (0, 1) else f" (exit {dk['code']})")))
        if "e" not in skip or "f" not in skip:
            if "b" in skip and "d" in skip:
                j2 = run([*KP, "extract", str(sample_dir), "--format", "jsonl", "--jobs", "2"], args.timeout)
            db = work / "sample.db"
            s1 = run([*KP, "extract", str(sample_dir), "--format", "sqlite", "-o", str(db), "--jobs", "2"], args.timeout)
            if "e" not in skip:
                rows.append(("(e) --format sqlite vs jsonl (--jobs 2)", s1["wall"] / j2["wall"] - 1, "<= 5 % more",
                             f"{s1['wall']:.1f} s / {j2['wall']:.1f} s"))
            if "f" not in skip:
                s2 = run([*KP, "extract", str(sample_dir), "--format", "sqlite", "-o", str(db), "--jobs", "2"],
                         args.timeout)
                rows.append(("(f) second sqlite run vs first", s2["wall"] / s1["wall"], "<= 5 %",
                             f"{s2['wall']:.1f} s / {s1['wall']:.1f} s; {s2['stderr'].strip().splitlines()[-1]}"))
        if rows:
            say(f"## (b)-(f) {n_sample} articles")
            say("")
            say("| measure | ratio | target | wall times |")
            say("|---|---|---|---|")
            for name, ratio, target, detail in rows:
                shown = f"{ratio * 100:+.1f} %" if name.startswith("(e)") else (
                    f"{ratio * 100:.1f} %" if name.startswith("(f)") else f"{ratio:.2f}x")
                say(f"| {name} | {shown} | {target} | {detail} |")
            say("")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
