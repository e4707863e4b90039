"""The actor network of a corpus on Apache Spark, identical to ``actorgraph build``.

Usage::

    python -m actorgraph.spark INPUT... -o OUT [--format F] [--master local[4]] [options]
    spark-submit python/scripts/actorgraph-spark.py INPUT... -o OUT [options]

The job reads JSON Lines, CSV (with a header row) or Parquet from any source Spark reads
(local paths, ``hdfs://``, ``s3a://``, ...) and makes two passes, as ``actorgraph build``:

1. the first pass: every partition is scanned (``mapPartitions``: one mergeable
   :class:`actorgraph.Scan` per partition, a duplicate signature and the line keys of every
   document), the scans are merged with ``treeReduce`` on the driver and the merged scan is
   broadcast;
2. the counting pass: every partition is counted with the broadcast scan (one mergeable
   :class:`actorgraph.Counts` per partition: copies skipped, furniture lines not linked), the
   counts are merged with ``treeReduce`` and the driver finishes the graph and writes it in
   any format of ``actorgraph build`` (json, graphml, gexf, dot, csv, svg, png).

The duplicate decision depends only on the set of documents (earliest dated copy kept, ties
by id), counting is keyed by actor and document ids and evidence is the smallest N under a
total order, so the result does not depend on how Spark partitions, orders or groups the
work: it is byte-identical to ``actorgraph build`` on the same documents
(``docs/scale-out.md``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import actorgraph

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql import DataFrame, SparkSession

#: The document fields, as in JSON Lines records.
FIELDS = ("id", "text", "date", "title", "url", "source")

#: Output formats whose default evidence cap is 3 per edge (JSON keeps all), as the CLI.
_CAPPED_BY_DEFAULT = {"dot", "graphml", "gexf", "csv", "svg", "png"}


def parser() -> argparse.ArgumentParser:
    """The job's command line (the build options are the CLI's flags)."""
    p = argparse.ArgumentParser(
        prog="python -m actorgraph.spark",
        description="Build the actor network of a corpus on Apache Spark; the output equals "
        "`actorgraph build` on the same documents.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders Spark can read")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="output file on the driver (a folder for csv)")
    p.add_argument("--format", help="dot, graphml, gexf, json, csv, svg or png (default: from -o)")
    p.add_argument("--master", help="Spark master, e.g. local[4] (default: spark-submit's)")
    p.add_argument("--input-format", choices=["json", "csv", "parquet"],
                   help="default: from the first input's extension (.jsonl/.json, .csv, .parquet)")
    p.add_argument("--multiline", action="store_true",
                   help="JSON inputs hold one value per file: an array of records, or one "
                   "record per file (as JSON dumps and news scrapers write them; Spark's multiLine)")
    p.add_argument("--partitions", type=int, metavar="N",
                   help="repartition the documents into N partitions before counting")
    p.add_argument("--depth", type=int, default=2, help="treeReduce depth (default 2)")
    p.add_argument("--threads-per-task", type=int, metavar="N",
                   help="threads each task uses (default: spark.task.cpus)")
    for field in FIELDS:
        p.add_argument(f"--{field}-field", default=field, metavar="COLUMN",
                       help=f"column holding the document {field} (default {field}; dotted paths allowed)")
    g = p.add_argument_group("build options (as `actorgraph build`)")
    g.add_argument("-g", "--gazetteer", action="append", default=[], metavar="FILE")
    g.add_argument("--unit", default="sentence", choices=["sentence", "paragraph", "document"])
    g.add_argument("--line-breaks", default="auto", choices=["auto", "paragraph", "space"])
    g.add_argument("--max-evidence", type=int, metavar="N")
    g.add_argument("--min-weight", type=int, default=1, metavar="N")
    g.add_argument("--top-edges", type=int, metavar="K")
    g.add_argument("--types", metavar="TYPES")
    g.add_argument("--actors", metavar="IDS")
    g.add_argument("--edges", default="co-mention", choices=["co-mention", "relations", "both"])
    g.add_argument("--keep-duplicates", action="store_true")
    g.add_argument("--repeated-lines", type=int, default=5, metavar="N")
    g.add_argument("--keep-boilerplate", action="store_true")
    g.add_argument("--headlines", default="link", choices=["link", "skip"])
    g.add_argument("--since", metavar="DATE")
    g.add_argument("--until", metavar="DATE")
    g.add_argument("--communities", action="store_true")
    g.add_argument("--seed", type=int, default=1)
    g.add_argument("--skip-bad-lines", action="store_true",
                   help="drop malformed records instead of failing")
    return p


def input_format(args: argparse.Namespace) -> str:
    """The input format: given, or named by the first input's extension."""
    if args.input_format:
        return args.input_format
    first = args.inputs[0].rstrip("/").lower()
    for suffix, fmt in [(".jsonl", "json"), (".json", "json"), (".ndjson", "json"),
                        (".jsonl.gz", "json"), (".csv", "csv"), (".csv.gz", "csv"),
                        (".parquet", "parquet")]:
        if first.endswith(suffix):
            return fmt
    raise actorgraph.ActorgraphError(
        f"cannot tell the input format of {args.inputs[0]!r}; give --input-format json, csv or parquet"
    )


def output_format(args: argparse.Namespace) -> str:
    """The output format: given, or named by the extension of -o, as the CLI decides it."""
    if args.format:
        return args.format.lower()
    ext = os.path.splitext(args.output)[1].lower().lstrip(".")
    if ext == "gv":
        return "dot"
    if ext in {"dot", "graphml", "gexf", "json", "csv", "svg", "png"}:
        return ext
    raise actorgraph.ActorgraphError(
        f"cannot tell the format from {args.output!r}; use an extension (.dot .graphml .gexf "
        ".json .csv .svg .png) or --format"
    )


def read(spark: SparkSession, args: argparse.Namespace) -> DataFrame:
    """The documents as a DataFrame with the columns of :data:`FIELDS` (missing ones null).

    Every field is read as a string, as the CLI reads JSON Lines (a numeric id keeps its
    digits); Parquet columns keep their types (a date column becomes ``datetime.date``).
    JSON Lines are read with a fixed schema (no pass over the data to infer one), so a
    missing text shows up per record, when counting; CSV and Parquet name their columns up
    front, so a missing id or text column is an error here.
    """
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType, StructField, StructType

    fmt = input_format(args)
    mode = "DROPMALFORMED" if args.skip_bad_lines else "FAILFAST"
    reader = spark.read
    if fmt == "json" and all("." not in getattr(args, f"{f}_field") for f in FIELDS):
        # Every field a string, as the CLI reads JSON Lines, and no pass to infer types.
        columns = sorted({getattr(args, f"{f}_field") for f in FIELDS})
        reader = reader.schema(StructType([StructField(c, StringType()) for c in columns]))
    if fmt in ("json", "csv"):
        reader = reader.option("mode", mode)
    if fmt == "json":
        if getattr(args, "multiline", False):
            reader = reader.option("multiLine", True)
        df = reader.json(args.inputs)
    elif fmt == "csv":
        df = (reader.option("header", True).option("multiLine", True)
              .option("escape", '"').csv(args.inputs))  # every column a string
    else:
        df = reader.parquet(*args.inputs)
    have = set(df.columns)
    out = []
    for f in FIELDS:
        column = getattr(args, f"{f}_field")
        if column.split(".")[0] in have:
            out.append(F.col(column).alias(f))
        elif f in ("id", "text"):
            raise actorgraph.ActorgraphError(
                f"{args.inputs[0]}: no column {column!r} for the document {f}; name it with "
                f"--{f}-field (found: {', '.join(sorted(have))})"
            )
        else:
            out.append(F.lit(None).cast("string").alias(f))
    return df.select(*out)


def _records(rows: Iterable[Any], skip_bad: bool) -> Iterator[dict[str, Any]]:
    """Rows as the dicts `actorgraph.count` reads. A record without text is an error, as in
    the CLI, or is dropped with ``--skip-bad-lines``."""
    for row in rows:
        d = row.asDict()
        if d["text"] is None:
            if skip_bad:
                continue
            raise actorgraph.ActorgraphError(
                f"document {d['id']!r} has no text; name the text column with --text-field, "
                "or pass --skip-bad-lines"
            )
        yield d


def first_pass(df: DataFrame, settings: dict[str, Any], depth: int = 2,
               skip_bad: bool = False) -> actorgraph.Scan:
    """Scans every partition of ``df`` on the executors and merges the scans on the driver
    (a few dozen bytes per document travel; ``docs/scale-out.md``)."""
    options = {k: settings[k] for k in ("keep_duplicates", "repeated_lines", "threads") if k in settings}

    def scan_partition(rows: Iterable[Any]) -> Iterator[actorgraph.Scan]:
        yield actorgraph.scan(_records(rows, skip_bad), **options)

    scans = df.rdd.mapPartitions(scan_partition)
    if scans.getNumPartitions() == 0:
        return actorgraph.scan([], **options)
    return scans.treeReduce(lambda a, b: a.merge(b), depth=depth)


def count(df: DataFrame, gazetteer: actorgraph.Gazetteer | None, settings: dict[str, Any],
          depth: int = 2, skip_bad: bool = False) -> actorgraph.Counts:
    """Counts every partition of ``df`` on the executors and merges the counts: first the
    first pass (:func:`first_pass`, broadcast to every task), unless ``settings`` turn it off
    (``keep_duplicates=True, repeated_lines=0``)."""
    wanted = not settings.get("keep_duplicates", False) or settings.get("repeated_lines", 5) > 0
    scan = None
    if wanted:
        merged = first_pass(df, settings, depth=depth, skip_bad=skip_bad)
        scan = df.rdd.context.broadcast(merged)

    def count_partition(rows: Iterable[Any]) -> Iterator[actorgraph.Counts]:
        given = None if scan is None else scan.value
        yield actorgraph.count(_records(rows, skip_bad), gazetteer, scan=given, **settings)

    try:
        counts = df.rdd.mapPartitions(count_partition)
        if counts.getNumPartitions() == 0:
            return actorgraph.count([], gazetteer, scan=None if scan is None else scan.value, **settings)
        return counts.treeReduce(lambda a, b: a.merge(b), depth=depth)
    finally:
        if scan is not None:
            scan.unpersist()


def run(spark: SparkSession, args: argparse.Namespace) -> actorgraph.Graph:
    """Reads, counts, merges and writes; returns the graph."""
    out_format = output_format(args)
    gazetteer = actorgraph.Gazetteer.load(*args.gazetteer) if args.gazetteer else None
    max_evidence = args.max_evidence
    if max_evidence is None and out_format in _CAPPED_BY_DEFAULT:
        max_evidence = 3
    threads = args.threads_per_task or int(spark.sparkContext.getConf().get("spark.task.cpus", "1"))
    settings = {
        "unit": args.unit,
        "line_breaks": args.line_breaks,
        "max_evidence": max_evidence,
        "since": args.since,
        "until": args.until,
        "edges": args.edges,
        "keep_duplicates": args.keep_duplicates,
        "repeated_lines": args.repeated_lines,
        "keep_boilerplate": args.keep_boilerplate,
        "headlines": args.headlines,
        "threads": threads,
    }
    df = read(spark, args)
    if args.partitions:
        df = df.repartition(args.partitions)
    counts = count(df, gazetteer, settings, depth=args.depth, skip_bad=args.skip_bad_lines)
    graph = counts.finish(
        min_weight=args.min_weight,
        top_edges=args.top_edges,
        types=args.types,
        actors=args.actors,
        communities=args.communities,
        seed=args.seed,
    )
    graph.write(args.output, format=out_format)
    return graph


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m actorgraph.spark`` and of the spark-submit script."""
    args = parser().parse_args(argv)
    from pyspark.sql import SparkSession

    # Local mode starts Python workers with PYSPARK_PYTHON: this interpreter, which has the
    # module (a cluster gets it from its image or --archives; see docs/scale-out.md).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("actorgraph")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        graph = run(spark, args)
    except (actorgraph.ActorgraphError, OSError) as e:
        print(f"actorgraph: error: {e}", file=sys.stderr)
        return 2
    finally:
        spark.stop()
    print(f"actorgraph: wrote {args.output} ({graph!r})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
