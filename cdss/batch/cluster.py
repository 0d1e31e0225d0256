"""Running a batch on a Dask distributed cluster: the same lines as a local run, one file per partition.

``cdss batch PATH... --dask ADDRESS --out FOLDER`` (``--dask local`` starts a ``LocalCluster`` of
``--jobs`` worker processes on this machine). The inputs are cut into partitions
(:mod:`cdss.batch.partitions`); each partition's lines go to ``FOLDER/part-NNNNN.jsonl`` (or ``.csv``),
in input order inside the file, files numbered in input order. The run, in four passes over the cluster:

1. count the newlines of each block of a JSON Lines file cut into several (to number their lines);
2. scan every partition for the ids of its cases (parsed, not validated);
3. settle repeated ids in input order: the first case with an id keeps it wherever it is, whichever
   worker finishes first; a later result with that id becomes a ``duplicate_id`` error naming the first;
4. evaluate every partition and write its file (each worker builds its engine once,
   :class:`~cdss.batch.cluster_tasks.EnginePlugin`).

So the invariants of a local run hold across the cluster: every input case gets exactly one line
(results + errors = inputs), and the lines are the ones a local run writes. A case that cannot be read or
evaluated gets its error line as in a local run. A worker that dies is replaced by Dask and its task run
again; a partition that kills every worker that tries it gets a ``worker_crashed`` error line per case.
Memory: the client keeps every id with its first source (as a local run does) and a tally per partition.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

import fsspec
from distributed import Client, Future, KilledWorker, LocalCluster, as_completed

from cdss.batch.cluster_tasks import EnginePlugin, Scan, crashed_part, evaluate_part, scan_part
from cdss.batch.inputs import UsageError
from cdss.batch.lines import Detail, Format
from cdss.batch.partitions import BLOCK_SIZE, FILES_PER_PART, BlockCount, Part, count_block, numbered, plan
from cdss.batch.run import BatchAbortedError
from cdss.batch.summary import Tally
from cdss.rules.model import Ruleset

LOCAL = "local"
LOOPBACK = "127.0.0.1"
"""A local cluster listens on the loopback interface only; its HTTP endpoint takes a free port (Dask
always starts one; without bokeh, which cdss[dask] does not install, it serves no dashboard)."""
T = TypeVar("T")


@dataclass(frozen=True)
class ClusterOptions:
    """The output format and detail, and the size of the partitions."""

    output: Format = "jsonl"
    detail: Detail = "lean"
    ask_next: bool = False
    block_size: int = BLOCK_SIZE
    files_per_part: int = FILES_PER_PART
    setting: str | None = None
    """The ruleset's setting whose priors to use; None for its default."""


@contextlib.contextmanager
def connect(address: str, jobs: int, timeout: str = "20s") -> Iterator[Client]:
    """A client of the scheduler at ``address``, or of a new local cluster of ``jobs`` worker processes
    (one thread each, on the loopback interface) when ``address`` is ``local``. A scheduler that does not
    answer within ``timeout`` is a usage error."""
    if address == LOCAL:
        with (
            LocalCluster(
                n_workers=jobs,
                threads_per_worker=1,
                processes=True,
                host=LOOPBACK,
                dashboard_address=f"{LOOPBACK}:0",
                silence_logs=logging.ERROR,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = Client(address, timeout=timeout)
    except (OSError, TimeoutError) as error:
        raise UsageError(f"--dask {address}: cannot reach the Dask scheduler: {error}") from None
    with client:
        yield client


def prepare_folder(folder: str) -> None:
    """Create the output folder; refuse one that holds anything (its files would mix with this run's)."""
    fs, root = fsspec.core.url_to_fs(folder)
    if fs.exists(root) and (not fs.isdir(root) or fs.ls(root)):
        raise UsageError(f"--out {folder}: with --dask, --out is a folder, new or empty")
    fs.makedirs(root, exist_ok=True)


def run_on_cluster(client: Client, inputs: Sequence[str], ruleset: Ruleset, folder: str,
                   options: ClusterOptions, *,
                   progress: Callable[[int], None] = lambda _: None) -> Tally:  # fmt: skip
    """Evaluate every case in ``inputs`` on the cluster, writing one file per partition into ``folder``
    (see :func:`prepare_folder`). Returns the tally of every line written."""
    parts = plan(inputs, options.block_size, options.files_per_part)
    run = _Run(client, folder, options.output)
    plugin = EnginePlugin(ruleset, options.output, detail=options.detail,
                          ask_next=options.ask_next, setting=options.setting)  # fmt: skip
    client.register_plugin(plugin, name=run.plugin)
    try:
        cut = [part for part in parts if part.block is not None]
        counts: list[BlockCount] = run.gather("count", count_block, cut)
        parts = numbered(parts, {part.index: count for part, count in zip(cut, counts, strict=True)})
        claimed = _claimed(run.gather("scan", scan_part, parts))
        return run.evaluate(parts, claimed, progress)
    finally:
        client.unregister_worker_plugin(run.plugin)


def _claimed(scans: Sequence[Scan]) -> list[dict[str, str]]:
    """For each partition, the ids of its cases that an earlier partition keeps, with the keeper's source.
    (Repeats inside one partition are settled as it is written, in its input order.)"""
    first: dict[str, tuple[int, str]] = {}
    claimed: list[dict[str, str]] = [{} for _ in scans]
    for index, scan in enumerate(scans):
        for _, case_id, source in scan.ids:
            keeper, keeper_source = first.setdefault(case_id, (index, source))
            if keeper < index:
                claimed[index][case_id] = keeper_source
    return claimed


class _Run:
    """The tasks of one run, named ``cdss-STEP-TOKEN-INDEX`` (unique per run: Dask reuses results by name),
    and where they write."""

    def __init__(self, client: Client, folder: str, output: Format) -> None:
        self.client = client
        self.token = uuid.uuid4().hex[:12]
        self.plugin = f"cdss-engine-{self.token}"
        self.folder = folder
        self.output: Format = output

    def key(self, step: str, part: Part) -> str:
        return f"cdss-{step}-{self.token}-{part.index}"

    def gather(self, step: str, task: Callable[[Part], T], parts: Sequence[Part]) -> list[T]:
        futures = [self.client.submit(task, part, key=self.key(step, part)) for part in parts]
        try:
            return list(self.client.gather(futures))
        except KilledWorker as error:
            raise BatchAbortedError(
                f"the Dask workers died while reading the inputs ({step} pass): {error}"
            ) from None

    def evaluate(self, parts: Sequence[Part], claimed: Sequence[dict[str, str]],
                 progress: Callable[[int], None]) -> Tally:  # fmt: skip
        """Every partition evaluated into its file; a partition that kills its workers is reported."""
        pending: dict[Future[Tally], Part] = {
            self.client.submit(evaluate_part, part, self.plugin, claimed[part.index], self.folder,
                               self.output, key=self.key("evaluate", part)): part
            for part in parts
        }  # fmt: skip
        tallies: dict[int, Tally] = {}
        killed: list[Part] = []
        for future in as_completed(pending):
            part = pending.pop(future)  # released once read: Dask need not recompute it if a worker dies
            try:
                tallies[part.index] = future.result()
            except KilledWorker:
                killed.append(part)
                continue
            progress(tallies[part.index].cases)
        for part in killed:
            tallies[part.index] = self._again(part, claimed[part.index])
            progress(tallies[part.index].cases)
        total = Tally()
        for index in sorted(tallies):
            total.merge(tallies[index])
        return total

    def _again(self, part: Part, claimed: dict[str, str]) -> Tally:
        """A partition whose workers died, tried again on its own (Dask also gives up on the tasks queued
        on a worker that dies, so it may not be the culprit); if it kills workers again, its cases are
        reported as ``worker_crashed``."""
        retry = self.client.submit(evaluate_part, part, self.plugin, claimed, self.folder, self.output,
                                   key=self.key("evaluate-again", part))  # fmt: skip
        try:
            tally: Tally = retry.result()
        except KilledWorker:
            report = self.client.submit(crashed_part, part, claimed, self.folder, self.output,
                                        key=self.key("crashed", part))  # fmt: skip
            tally = report.result()
        return tally
