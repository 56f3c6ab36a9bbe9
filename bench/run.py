#!/usr/bin/env python
"""Benchmark for issue 6 (standard library only; runs `kp` and `python` as whole processes).

    python bench/run.py            # prints the figures and writes bench/RESULTS.md

(a) `kp extract` on the seed against a plain script that loads ja_ginza and parses the same text (median of 3)
(b) a batch of 40 news-length articles with --jobs 2 against --jobs 1
(c) peak RSS of (a) against the plain script, and of a 1 MB article (--jobs 2, within a time cap)
(d) `kp --help` wall time (median of 5)
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_c73a4b2870458b57.txt"
PLAIN = "import sys, spacy; nlp = spacy.load('ja_ginza'); nlp(open(sys.argv[1], encoding='utf-8').read())"
KP = [sys.executable, "-m", "kimputin_cli"]


CPU_SECONDS: dict[tuple, float] = {}


def run(cmd: list[str], timeout: float | None = None, stdout=subprocess.DEVNULL) -> tuple[float, int, int]:
    """(wall seconds, peak RSS in bytes, exit code) of one process, waited for with wait4.

    The peak RSS is that of the largest single process (kp's or one of its workers'); the CPU seconds
    (user + system, workers included) are kept in CPU_SECONDS.  On timeout the process group is killed.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL, cwd=ROOT, start_new_session=True)
    deadline = None if timeout is None else start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if deadline and time.perf_counter() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.02)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    CPU_SECONDS[tuple(cmd)] = usage.ru_utime + usage.ru_stime
    return wall, usage.ru_maxrss * 1024, proc.returncode


def median_run(cmd, n=3):
    runs = [run(cmd) for _ in range(n)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs), [r[2] for r in runs]


def paragraphs() -> list[str]:
    out = []
    for f in sorted((ROOT / "fixtures").glob("*/article.txt")):
        for para in f.read_text(encoding="utf-8").split("\n\n"):
            para = para.strip()
            if len(para) > 40:
                out.append(para)
    return out


def make_batch(folder: Path, n: int = 40, chars: int = 900) -> int:
    rng = random.Random(6)
    paras = paragraphs()
    total = 0
    for i in range(n):
        rng.shuffle(paras)
        body, k = [], 0
        while sum(len(p) for p in body) < chars:
            body.append(paras[k % len(paras)])
            k += 1
        text = "\n\n".join(body) + "\n"
        total += len(text)
        (folder / f"article_{i:02d}.txt").write_text(text, encoding="utf-8")
    return total


def make_megabyte(path: Path, size: int = 1_000_000) -> int:
    rng = random.Random(1)
    paras = paragraphs()
    out, n = [], 0
    while n < size:
        p = rng.choice(paras)
        out.append(p)
        n += len(p.encode("utf-8")) + 2
    text = "\n\n".join(out) + "\n"
    path.write_text(text, encoding="utf-8")
    return len(text)


def versions() -> dict[str, str]:
    from importlib.metadata import version

    out = {"python": platform.python_version()}
    for pkg in ("spacy", "ginza", "ja-ginza", "SudachiPy", "kimputin_cli"):
        try:
            out[pkg] = version(pkg)
        except Exception:  # noqa: BLE001 - a missing package is just not reported
            out[pkg] = "?"
    return out


def machine() -> str:
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in open("/proc/meminfo", encoding="utf-8"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    v = versions()
    return (f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {cpu}, {mem} RAM, "
            f"{platform.system()} {platform.release()}; Python {v['python']}, spaCy {v['spacy']}, "
            f"GiNZA {v['ginza']}, ja-ginza {v['ja-ginza']}, SudachiPy {v['SudachiPy']}, kimputin_cli {v['kimputin_cli']}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb-timeout", type=float, default=210.0, help="cap for the 1 MB article run, seconds")
    ap.add_argument("--no-write", action="store_true", help="do not write bench/RESULTS.md")
    args = ap.parse_args()
    t0 = time.perf_counter()
    lines: list[str] = []

    def say(s: str = "") -> None:
        print(s, flush=True)
        lines.append(s)

    say(f"machine: {machine()}")
    say(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
        "(other work on the machine slows every figure, and (b) most)")
    say()
    # (d) first: cold-ish start
    helps = [run(KP + ["--help"])[0] for _ in range(5)]
    d = statistics.median(helps)
    # (a) + (c) seed
    kp_wall, kp_rss, kp_rc = median_run(KP + ["extract", str(SEED), "--format", "json"])
    plain_wall, plain_rss, plain_rc = median_run([sys.executable, "-c", PLAIN, str(SEED)])
    a = kp_wall / plain_wall
    c = kp_rss / plain_rss
    say(f"(a) seed ({len(SEED.read_text(encoding='utf-8'))} chars): kp extract {kp_wall:.2f} s, "
        f"plain ja_ginza script {plain_wall:.2f} s (median of 3; exit codes {kp_rc} / {plain_rc})")
    say(f"    ratio {a:.2f}x   target <= 1.10x   {'OK' if a <= 1.10 else 'MISSED'}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        batch = tmp / "batch"
        batch.mkdir()
        chars = make_batch(batch)
        j1 = run(KP + ["extract", str(batch), "--format", "jsonl", "--jobs", "1"])
        j2 = run(KP + ["extract", str(batch), "--format", "jsonl", "--jobs", "2"])
        b = j1[0] / j2[0]
        cpu1 = CPU_SECONDS[tuple(KP + ["extract", str(batch), "--format", "jsonl", "--jobs", "1"])]
        cpu2 = CPU_SECONDS[tuple(KP + ["extract", str(batch), "--format", "jsonl", "--jobs", "2"])]
        say(f"(b) 40 articles, {chars} chars: --jobs 1 {j1[0]:.1f} s ({cpu1:.0f} CPU s), "
            f"--jobs 2 {j2[0]:.1f} s ({cpu2:.0f} CPU s) (exit codes {j1[2]} / {j2[2]})")
        say(f"    speed-up {b:.2f}x   target >= 1.7x   {'OK' if b >= 1.7 else 'MISSED'}")
        say(f"(c) peak RSS on the seed: kp {kp_rss / 2**20:.0f} MiB, plain script {plain_rss / 2**20:.0f} MiB")
        say(f"    ratio {c:.2f}x   target <= 1.2x   {'OK' if c <= 1.2 else 'MISSED'}")
        big = tmp / "big.txt"
        big_chars = make_megabyte(big)
        budget = min(args.mb_timeout, max(30.0, 285 - (time.perf_counter() - t0)))
        wall, rss, rc = run(KP + ["extract", str(big), "--format", "json", "--jobs", "2"], timeout=budget)
        done = rc == 0
        say(f"    1 MB article ({big.stat().st_size} bytes, {big_chars} chars, --jobs 2): "
            + (f"{wall:.0f} s, peak RSS {rss / 2**20:.0f} MiB (largest process)" if done else
               f"NOT FINISHED within the {budget:.0f} s cap (exit {rc}); peak RSS so far {rss / 2**20:.0f} MiB"))
        say(f"    target < 2 GiB   {'OK' if done and rss < 2**31 else ('MISSED' if done else 'NOT MEASURED')}")
    say(f"(d) kp --help: {d * 1000:.0f} ms (median of 5)   target < 300 ms   {'OK' if d < 0.3 else 'MISSED'}")
    say(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    say(f"total bench time {time.perf_counter() - t0:.0f} s")
    if not args.no_write:
        out = ROOT / "bench" / "RESULTS.md"
        notes = ""
        if out.exists():  # hand-written notes below the marker survive a re-run
            old = out.read_text(encoding="utf-8")
            if "\n## Notes" in old:
                notes = old[old.index("\n## Notes"):]
        out.write_text(
            "# Benchmark results (issue 6)\n\nProduced by `python bench/run.py` on "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.\n\n```\n" + "\n".join(lines) + "\n```\n"
            + notes, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
