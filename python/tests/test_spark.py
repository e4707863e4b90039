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

from functools import reduce

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
def corpus(tmp_path_factory, wikinews, syndicated, root) -> dict[str, Path]:
    """The same documents as JSON Lines (real news with syndicated copies and a furniture
    line, plus the seeds), CSV and Parquet."""
    d = tmp_path_factory.mktemp("corpus")
    rows = list(syndicated)
    for p in sorted((root / "seeds").glob("*.txt")):
        rows.append({"id": p.stem, "text": p.read_text(encoding="utf-8")})
    jsonl = d / "docs.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    import csv

    with open(d / "docs.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["id", "date", "title", "url", "text"])
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k) for k in ["id", "date", "title", "url", "text"]})
    return {"json": jsonl, "csv": d / "docs.csv", "rows": rows}


def args(*argv: str):
    return job.parser().parse_args(list(argv))


# (name, job flags, CLI flags) — each must give byte-identical JSON and GraphML. The defaults
# find syndicated copies and furniture lines across partitions (first pass, docs/scale-out.md).
CASES = [
    ("defaults", [], []),
    ("no first pass", ["--keep-duplicates", "--repeated-lines", "0"],
     ["--keep-duplicates", "--repeated-lines", "0"]),
    ("relations, furniture from 3", ["--edges", "both", "--repeated-lines", "3"],
     ["--edges", "both", "--repeated-lines", "3"]),
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


def test_copies_across_partitions_count_once(spark, cli, corpus, tmp_path):
    # Round-robin partitions put copies apart from their originals: only a global first pass
    # finds them.
    df = job.read(spark, args(str(corpus["json"]), "-o", "x")).repartition(6)
    first = job.first_pass(df, {})
    per_partition = df.rdd.mapPartitions(lambda rows: [actorgraph.scan(job._records(rows, False))]).collect()
    assert first == per_partition[0].merge(per_partition[1]).merge(
        reduce(actorgraph.Scan.merge, per_partition[2:]))
    found = {d["id"] for d in first.duplicates}
    assert {"0copy00", "zcopy00", "0copy36", "zcopy36"} <= found
    stderr = cli("build", corpus["json"], "--verbose", "--format", "json").stderr.decode()
    assert f"{len(found)} duplicate document(s) counted once" in stderr
    # Counting each partition with its own scan (no global pass) gives another graph.
    local = df.rdd.mapPartitions(lambda rows: [actorgraph.count(job._records(rows, False))])
    naive = local.treeReduce(lambda a, b: a.merge(b)).finish().to_bytes("json")
    assert naive != cli("build", corpus["json"], "--format", "json").stdout


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


def test_json_arrays_with_multiline_equal_the_cli(spark, cli, corpus, tmp_path):
    """A JSON array of the same records: the CLI reads it as it reads the JSON Lines (the same
    bytes out), and the job reads it with --multiline (Spark's multiLine) to the same bytes."""
    array = tmp_path / "docs.json"
    array.write_text(json.dumps(corpus["rows"], ensure_ascii=False, indent=1), encoding="utf-8")
    expected = cli("build", corpus["json"], "--format", "graphml").stdout
    assert cli("build", array, "--format", "graphml").stdout == expected
    out = tmp_path / "from-array.graphml"
    job.run(spark, args(str(array), "-o", str(out), "--multiline", "--partitions", "4"))
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
