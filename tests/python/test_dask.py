"""scripts/tokprof-dask on a real scheduler and two workers (loopback only):
the merged report equals a single local run, also when a worker is killed
in the middle of the run (its shards re-run elsewhere, none counted twice)."""
import importlib.machinery
import importlib.util
import json
import os
import pathlib
import signal
import subprocess
import sys
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
TRACES = ROOT.parent / "shared" / "traces-real"
if TRACES.exists():
    # All the real answers, 20 MB: 512 kB shards.
    INPUTS = [str(TRACES / "arena-hard-v0.1" / "model_answer"), str(TRACES / "arena-hard-v2.0" / "model_answer")]
    SHARD_BYTES = str(512 << 10)
else:
    # Beside a checkout without ../shared (a fresh CI machine): the bundled
    # excerpt of the same answers, 476 kB, cut as finely.
    INPUTS = [str(ROOT / "traces" / "arena-hard-real" / "arena-hard-v0.1" / "model_answer")]
    SHARD_BYTES = str(12 << 10)
RUNNER = ROOT / "scripts" / "tokprof-dask"


def runner_module():
    loader = importlib.machinery.SourceFileLoader("tokprof_dask", str(RUNNER))
    spec = importlib.util.spec_from_loader("tokprof_dask", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def load_report(path):
    report = json.loads(pathlib.Path(path).read_text())
    report["generator"].pop("generated_at")
    return report


def wait_for_address(scheduler_file, process):
    """The scheduler's address, once it has written its scheduler file."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            return json.loads(scheduler_file.read_text())["address"]
        except (OSError, ValueError, KeyError):
            time.sleep(0.2)
    raise RuntimeError("the Dask scheduler did not start")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    # This interpreter's Dask (not whatever `dask` is first on PATH), bound
    # to the loopback interface only, without dashboards or nannies (a
    # killed worker stays dead).
    scheduler_file = tmp_path_factory.mktemp("dask") / "scheduler.json"
    processes = [subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
         "--no-dashboard", "--scheduler-file", str(scheduler_file)], stderr=subprocess.DEVNULL)]
    try:
        address = wait_for_address(scheduler_file, processes[0])
        workers = [subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_worker", address, "--host", "127.0.0.1",
             "--nthreads", "1", "--no-nanny", "--no-dashboard", "--name", f"w{i}"],
            stderr=subprocess.DEVNULL) for i in range(2)]
        processes += workers
        from distributed import Client
        with Client(address) as client:
            client.wait_for_workers(2, timeout=60)
        yield {"address": address, "workers": workers}
    finally:
        for process in processes:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def single_report(tmp_path_factory):
    files = runner_module().expand_inputs(INPUTS)
    out = tmp_path_factory.mktemp("single")
    subprocess.run([os.environ["TOKPROF_BINARY"], "profile", "--report", "json", "--per-sample", "-o", str(out),
                    *files], check=True, capture_output=True)
    return load_report(out / "report.json")


def dask_command(address, out, *options):
    return [sys.executable, str(RUNNER), "--scheduler", address, "--tokprof", os.environ["TOKPROF_BINARY"],
            "--shard-bytes", SHARD_BYTES, *options, *INPUTS, "--", "--report", "json", "--per-sample", "-o", str(out)]


def partial_sample_keys(directory):
    """Every (model, task, id, epoch) of every kept partial, repeats included."""
    keys = []
    for path in sorted(pathlib.Path(directory).glob("shard-*.json")):
        partial = json.loads(path.read_text())
        for row in partial["samples"]:
            keys.append((partial["models"][row[0]], partial["tasks"][row[1]], row[2], row[3]))
    return keys


def test_sharded_run_equals_single_run(cluster, single_report, tmp_path):
    done = subprocess.run(dask_command(cluster["address"], tmp_path), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    shards = int(done.stderr.split(" shards")[0].rsplit(" ", 1)[-1])
    assert shards > 20  # big files were cut into byte ranges
    assert load_report(tmp_path / "report.json") == single_report


def test_killing_a_worker_mid_run_changes_nothing(cluster, single_report, tmp_path):
    kept = tmp_path / "partials"
    run = subprocess.Popen(dask_command(cluster["address"], tmp_path / "out", "--keep-partials", str(kept)),
                           stderr=subprocess.PIPE, text=True)
    killed = False
    log = []
    for line in run.stderr:
        log.append(line)
        if not killed and "shard 4/" in line:
            cluster["workers"][0].send_signal(signal.SIGKILL)
            killed = True
    assert run.wait(timeout=300) == 0, "".join(log)
    assert killed and cluster["workers"][0].wait(timeout=10) == -signal.SIGKILL
    shards = int(log[0].split(" shards")[0].rsplit(" ", 1)[-1])
    assert shards > 20  # the kill came after 4 shards: most were still to run
    assert load_report(tmp_path / "out" / "report.json") == single_report
    # Nothing counted twice, even before the merge could drop a repeat: the
    # kept partials hold every sample of the single run exactly once.
    keys = partial_sample_keys(kept)
    assert len(keys) == len(set(keys)) == len(single_report["samples"])
