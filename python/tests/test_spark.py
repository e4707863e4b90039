"""The Spark job in local mode (4 worker threads, 4+ partitions) against `actorgraph build`.

One Spark session serves every case (starting a JVM costs seconds); the command-line entry
point (`python -m actorgraph.spark`) runs once in its own process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pyspark.sql import SparkSession

import actorgraph
from actorgraph import spark as job


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    s = (
        SparkSession.builder.master("local[4]")
        .appName("actorgraph-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, wikinews, root) -> dict[str, Path]:
    """The same documents as JSON Lines (real news plus the seeds), CSV and Parquet."""
    d = tmp_path_factory.mktemp("corpus")
    rows = [json.loads(line) for line in wikinews.read_text(encoding="utf-8").splitlines()]
    for p in sorted((root / "seeds").glob("*.txt")):
        rows.append({"id": p.stem, "text": p.read_text(encoding="utf-8")})
    jsonl = d / "docs.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    import csv

    with open(d / "docs.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["id", "date", "title", "text"])
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k) for k in ["id", "date", "title", "text"]})
    return {"json": jsonl, "csv": d / "docs.csv", "rows": rows}


def args(*argv: str):
    return job.parser().parse_args(list(argv))


# (name, job flags, CLI flags) — each must give byte-identical JSON and GraphML.
CASES = [
    ("defaults", [], []),
    ("document unit, evidence cap 2", ["--unit", "document", "--max-evidence", "2"],
     ["--unit", "document", "--max-evidence", "2"]),
    ("dates and filters", ["--since", "2019-03-01", "--min-weight", "2"],
     ["--since", "2019-03-01", "--min-weight", "2"]),
]


@pytest.mark.parametrize("name,flags,cli_flags", CASES, ids=[c[0] for c in CASES])
def test_jsonl_on_spark_equals_the_cli(spark, cli, corpus, tmp_path, name, flags, cli_flags):
    for fmt in ["json", "graphml"]:
        out = tmp_path / f"spark.{fmt}"
        job.run(spark, args(str(corpus["json"]), "-o", str(out), "--partitions", "5", *flags))
        expected = cli("build", corpus["json"], "--format", fmt, *cli_flags).stdout
        assert out.read_bytes() == expected, f"{name}: {fmt}"


def test_partitioning_does_not_change_the_bytes(spark, corpus, tmp_path):
    outs = []
    for n in [4, 7, 13]:
        out = tmp_path / f"g{n}.json"
        df = job.read(spark, args(str(corpus["json"]), "-o", str(out))).repartition(n)
        assert df.rdd.getNumPartitions() == n
        counts = job.count(df, None, {"max_evidence": None})
        counts.finish().write(out)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] == outs[2]


def test_csv_and_parquet_inputs_equal_the_cli(spark, cli, corpus, tmp_path):
    expected = cli("build", corpus["json"], "--format", "graphml").stdout
    out = tmp_path / "from-csv.graphml"
    job.run(spark, args(str(corpus["csv"]), "-o", str(out), "--partitions", "4"))
    assert out.read_bytes() == expected
    parquet = tmp_path / "docs.parquet"
    spark.read.json(str(corpus["json"])).write.parquet(str(parquet))
    out = tmp_path / "from-parquet.graphml"
    job.run(spark, args(str(parquet), "-o", str(out), "--partitions", "4"))
    assert out.read_bytes() == expected


def test_every_build_format_is_written(spark, cli, corpus, tmp_path):
    for name, extra in [("g.gexf", []), ("g.dot", []), ("csv", ["--format", "csv"])]:
        out = tmp_path / "spark" / name
        out.parent.mkdir(exist_ok=True)
        job.run(spark, args(str(corpus["json"]), "-o", str(out), "--partitions", "4", *extra))
        cli_out = tmp_path / "cli" / name
        cli_out.parent.mkdir(exist_ok=True)
        cli("build", corpus["json"], "-o", cli_out, *extra)
        if name == "csv":
            for f in ["nodes.csv", "edges.csv"]:
                assert (out / f).read_bytes() == (cli_out / f).read_bytes()
        else:
            assert out.read_bytes() == cli_out.read_bytes()


def test_the_command_line_entry_point(cli, corpus, tmp_path):
    out = tmp_path / "g.json"
    r = subprocess.run(
        [sys.executable, "-m", "actorgraph.spark", str(corpus["json"]), "-o", str(out),
         "--master", "local[2]", "--partitions", "4"],
        capture_output=True, text=True,
    )
    assert r.returncode == 0, r.stderr
    assert out.read_bytes() == cli("build", corpus["json"], "--format", "json").stdout


def test_a_missing_text_is_a_clear_error(spark, tmp_path):
    csv = tmp_path / "x.csv"
    csv.write_text("id,body\na,Iran\n", encoding="utf-8")
    with pytest.raises(actorgraph.ActorgraphError) as e:
        job.read(spark, args(str(csv), "-o", str(tmp_path / "g.json")))
    assert str(e.value) == (
        f"{csv}: no column 'text' for the document text; name it with --text-field (found: body, id)"
    )
    df = job.read(spark, args(str(csv), "-o", "g.json", "--text-field", "body"))
    assert [r.text for r in df.collect()] == ["Iran"]
    # JSON Lines: found per record, when counting (a fixed schema reads no column list).
    jsonl = tmp_path / "x.jsonl"
    jsonl.write_text('{"id": "a", "text": "Iran"}\n{"id": "b", "body": "Iraq"}\n', encoding="utf-8")
    df = job.read(spark, args(str(jsonl), "-o", "g.json"))
    with pytest.raises(Exception) as e:
        job.count(df, None, {})
    assert "document 'b' has no text; name the text column with --text-field, or pass --skip-bad-lines" in str(e.value)
    assert job.count(df, None, {}, skip_bad=True).corpus["documents"] == 1
