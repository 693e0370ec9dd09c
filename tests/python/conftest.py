# Finds the built module and binary: TOKPROF_PYTHON_DIR (the build's python/
# directory) and TOKPROF_BINARY (the tokprof executable), as .ci/run sets them.
import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILD = pathlib.Path(os.environ.get("TOKPROF_BUILD", ROOT / "build" / "ci"))
sys.path.insert(0, os.environ.get("TOKPROF_PYTHON_DIR", str(BUILD / "python")))
os.environ.setdefault("TOKPROF_BINARY", str(BUILD / "profiler" / "cli" / "tokprof"))
