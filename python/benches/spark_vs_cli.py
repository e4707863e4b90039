"""Spark local[N] against `actorgraph build --threads N` on one generated corpus.

    .venv/bin/python python/benches/spark_vs_cli.py --mb 1024 [--threads 2] [--runs 1]

Generates (once, seeded) a JSON Lines corpus of documents of 8-40 sentences drawn from the
seed articles, with ids and dates (the same recipe as benches/throughput.rs), then times the
release CLI and the Spark job on it with the same options (`--max-evidence 3`, JSON output),
checks that both wrote the same bytes, and prints a Markdown table for docs/scale-out.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def sentences() -> list[str]:
    out = []
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        text = " ".join(p.read_text(encoding="utf-8").split())
        out.extend(s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text) if len(s) > 20)
    return out


def generate(path: Path, mb: int, seed: int = 42) -> None:
    if path.exists() and path.stat().st_size >= mb * 1_000_000:
        return
    rng = random.Random(seed)
    pool = sentences()
    start = date(2019, 1, 1)
    written, n = 0, 0
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        while written < mb * 1_000_000:
            k = rng.randint(8, 40)
            paragraphs = []
            for _ in range(0, k, 4):
                paragraphs.append(" ".join(rng.choice(pool) for _ in range(4)))
            rec = {
                "id": f"doc-{n:08}",
                "date": (start + timedelta(days=rng.randrange(2000))).isoformat(),
                "text": "\n\n".join(paragraphs),
            }
            line = json.dumps(rec, ensure_ascii=False) + "\n"
            f.write(line)
            written += len(line.encode())
            n += 1
    tmp.rename(path)


def _proc_table() -> dict[int, tuple[int, float]]:
    """pid -> (parent pid, own user + system CPU seconds), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    out = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[int(d)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    return out


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall-clock seconds and CPU seconds of the whole process tree (the JVM and Spark's
    Python workers are not reaped by us, so getrusage cannot see them: /proc is sampled every
    0.2 s and each process's last own CPU time is summed). On a shared machine the CPU time
    is the fairer comparison."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    seen: dict[int, float] = {}
    while proc.poll() is None:
        table = _proc_table()
        tree = {proc.pid}
        changed = True
        while changed:
            changed = False
            for pid, (ppid, _) in table.items():
                if ppid in tree and pid not in tree:
                    tree.add(pid)
                    changed = True
        for pid in tree:
            if pid in table:
                seen[pid] = max(seen.get(pid, 0.0), table[pid][1])
        time.sleep(0.2)
    _, err = proc.communicate()
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err}")
    return elapsed, sum(seen.values())


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--mb", type=int, default=1024)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--runs", type=int, default=1)
    p.add_argument("--data", type=Path, default=ROOT / "benches" / "data")
    p.add_argument("--cli", type=Path, default=ROOT / "target" / "release" / "actorgraph")
    a = p.parse_args()
    a.data.mkdir(parents=True, exist_ok=True)
    corpus = a.data / f"spark-corpus-{a.mb}.jsonl"
    t0 = time.perf_counter()
    generate(corpus, a.mb)
    size = corpus.stat().st_size / 1e6
    docs = sum(1 for _ in open(corpus, "rb"))
    print(f"corpus {corpus}: {size:.0f} MB, {docs} documents (ready in {time.perf_counter() - t0:.0f} s)")
    cli_out, spark_out = a.data / "cli.json", a.data / "spark.json"
    opts = ["--max-evidence", "3"]
    cli_times, spark_times = [], []
    for _ in range(a.runs):
        cli_times.append(timed([str(a.cli), "build", str(corpus), "--threads", str(a.threads),
                                "-q", "-o", str(cli_out), *opts]))
        env = dict(os.environ, PYSPARK_PYTHON=sys.executable)
        spark_times.append(timed([sys.executable, "-m", "actorgraph.spark", str(corpus), "-o",
                                  str(spark_out), "--master", f"local[{a.threads}]", *opts], env))
    same = cli_out.read_bytes() == spark_out.read_bytes()
    median = lambda xs: sorted(xs)[len(xs) // 2]  # noqa: E731
    (cli_t, cli_cpu), (spark_t, spark_cpu) = median(cli_times), median(spark_times)
    print(f"load average before: {os.getloadavg()}")
    print("| run | wall s | MB/s (wall) | CPU s | MB per CPU s |\n|---|---:|---:|---:|---:|")
    for name, t, cpu in [(f"`actorgraph build --threads {a.threads}`", cli_t, cli_cpu),
                         (f"Spark `local[{a.threads}]` (`python -m actorgraph.spark`)", spark_t, spark_cpu)]:
        print(f"| {name} | {t:.1f} | {size / t:.1f} | {cpu:.1f} | {size / cpu:.1f} |")
    print(f"overhead Spark / CLI: wall {spark_t / cli_t:.2f}x, CPU {spark_cpu / cli_cpu:.2f}x; "
          f"identical JSON: {same}")


if __name__ == "__main__":
    main()
