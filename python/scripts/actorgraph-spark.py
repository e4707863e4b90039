"""spark-submit entry point of the actorgraph Spark job (the same as `python -m actorgraph.spark`).

    spark-submit [--master URL] [--archives env.tar.gz#env] python/scripts/actorgraph-spark.py \
        INPUT... -o OUT [build options]

The executors need the `actorgraph` module: install its wheel in their image or ship a packed
environment with --archives (docs/scale-out.md).
"""

import sys

from actorgraph.spark import main

if __name__ == "__main__":
    sys.exit(main())
