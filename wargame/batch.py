"""Monte Carlo batches: many bot games per scenario and sweep point, on local processes or a Dask cluster.

Every run's seed is derived (sha256) from the batch seed, the scenario, the sweep point and the run
index, so a batch gives the same rows whatever the number of workers or the order runs finish in, and
any run can be played alone (`wargame play SCENARIO --seed SEED`, or from its kept replay).

Results stream to DIR/runs.csv (one row per run) and DIR/turns.csv (a few metrics per run and turn,
for the per-turn bands) as runs finish; nothing per run is kept in memory. Rows are written in run
order (scenario, sweep point, run index) for an uninterrupted batch; a resumed batch appends what was
missing, so compare batches by their sorted rows (`sorted_rows`). DIR/batch.json records what the
batch is, so `--resume` can refuse to mix two different batches in one folder.
"""

import csv
import hashlib
import json
import pickle
import signal
from pathlib import Path

import attrs

from wargame.errors import BatchError
from wargame.files import cut_torn_tail, make_folder, write_atomic
from wargame.batch_columns import (FORMAT, FORMAT_VERSION, ID_COLUMNS, RUN_COLUMNS, SCORE_COLUMNS,  # noqa: F401
                                   TURN_COLUMNS, TURN_METRICS)
from wargame.vocab import METRIC_NAMES, SEATS, SIDES
IN_FLIGHT_PER_WORKER = 3  # chunks queued per worker: enough to keep it busy, few enough to keep memory flat


@attrs.frozen
class BatchSpec:
    """What a batch is: everything that decides its rows (not how many workers run it)."""

    scenarios: tuple
    runs: int
    seed: int = 1
    bots: tuple = ()      # ("eu", "stock_buyer") pairs
    sets: tuple = ()      # "KEY=VALUE" texts
    sweep: str | None = None  # "KEY=V1,V2,..."
    from_replay: str | None = None
    at_turn: int | None = None
    keep_replays: bool = False


@attrs.frozen
class Point:
    """One scenario at one sweep point, ready to play: its game template and start."""

    scenario: str
    sweep_key: str
    sweep_value: str
    label: str
    payload: bytes  # pickled {"game", "state", "entry", "bots", "keep_dir", "scenario_ref"}
    key: str        # sha256 of the payload: workers cache the unpickled point by it
    info: dict      # for batch.json: hashes of the rules and scenario it ran with
    objectives: dict | None = None  # {side: [objective]} the runs are scored against (batch.json, the summary)


def derive_seed(batch_seed, scenario, sweep_key, sweep_value, run):
    """The seed of one run: sha256 of the batch seed, scenario name, sweep point and run index (48 bits)."""
    text = f"wargame-batch\0{batch_seed}\0{scenario}\0{sweep_key}\0{sweep_value}\0{run}"
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:6], "big")


# --- preparing: every check happens here, before anything runs --------------------------------------

def prepare(spec, out_dir):
    """Check the batch and build its points (writing changed rules under DIR/replays/LABEL/); BatchError
    or another WargameError with a one-line message on any mistake."""
    from wargame import overrides as ov
    from wargame.controllers.bots import policy_names
    from wargame.engine import Game
    from wargame.rules import load_scenario

    if spec.runs < 1:
        raise BatchError(f"--runs must be at least 1, found {spec.runs}")
    if not spec.scenarios:
        raise BatchError("name at least one scenario")
    if (spec.from_replay is None) != (spec.at_turn is None):
        raise BatchError("--from REPLAY and --at-turn T go together")
    if spec.from_replay and len(spec.scenarios) > 1:
        raise BatchError("--from forks one kept game: name only its scenario")
    bots = {}
    for side, policy in spec.bots:
        if side not in SEATS:
            raise BatchError(f"--bot {side}={policy}: the side must be one of {', '.join(SEATS)}")
        bots[side] = policy
    sets = [ov.parse_assignment(text) for text in spec.sets]
    sweep = ov.parse_sweep(spec.sweep) if spec.sweep else None
    if sweep and any(path == sweep[0] for path, _, _ in sets):
        raise BatchError(f"--sweep {sweep[1]} is also given with --set: keep one")
    out_dir = Path(out_dir)
    points, names = [], []
    for ref in spec.scenarios:
        parent = None
        if spec.from_replay:
            from wargame.replay import fork, read_replay
            base_game, state, entry = fork(spec.from_replay, spec.at_turn, 0)
            parent = read_replay(spec.from_replay)
            base_scenario, base_rules = base_game.scenario, base_game.rules
            base_ref = base_scenario.path
            base_turns = base_game.turns
        else:
            base_scenario, base_rules = load_scenario(ref)
            base_ref, state, entry, base_turns = ref, None, None, None
        if base_scenario.name in names:
            raise BatchError(f"scenario '{base_scenario.name}' is named twice")
        names.append(base_scenario.name)
        values = sweep[2] if sweep else [("", None)]
        for value_text, value in values:
            point_sets = list(sets) + ([(sweep[0], sweep[1], value)] if sweep else [])
            label = _label(base_scenario.name, sweep[1] if sweep else "", value_text)
            folder = out_dir / "replays" / label
            if point_sets:
                for path, key_text, _ in point_sets:
                    ov.check_key(base_rules, base_ref, path, key_text)
                scenario_path, scenario, rules = ov.materialise(base_rules, base_ref, point_sets, folder)
                scenario_ref = str(scenario_path)
            else:
                scenario, rules, scenario_ref = base_scenario, base_rules, base_ref
            turns = base_turns if base_turns and not any(p[:2] == ("scenario", "turns") for p, _, _ in point_sets) else None
            game = Game(scenario, rules, 0, turns)
            if "us" in bots and "us" not in game.sides:
                raise BatchError(f"--bot us={bots['us']}: the scenario {scenario.name} does not seat the US "
                                 "(its us: block has no seat)")
            for side, policy in bots.items():
                if policy not in policy_names(rules, side):
                    raise BatchError(f"--bot {side}={policy}: unknown {side} policy; known: "
                                     f"{', '.join(policy_names(rules, side))}")
            if state is not None and state.turn >= game.turns:
                raise BatchError(f"--at-turn {spec.at_turn}: the game has only {game.turns} turns")
            keep_dir = None
            if spec.keep_replays:
                make_folder(folder)
                keep_dir = str(folder)
                if parent is not None:
                    _copy(spec.from_replay, folder / Path(spec.from_replay).name)
            payload = pickle.dumps({"game": game, "state": state, "entry": entry, "bots": bots,
                                    "keep_dir": keep_dir, "scenario_ref": str(scenario_ref)},
                                   protocol=pickle.HIGHEST_PROTOCOL)
            info = {"scenario": scenario.name, "sweep_key": sweep[1] if sweep else "", "sweep_value": value_text,
                    "rules_sha256": rules.sha256, "scenario_sha256": scenario.sha256, "turns": game.turns}
            from wargame.objectives import for_game
            objectives = for_game(rules, game.turns, scenario.turns).objectives
            points.append(Point(scenario.name, info["sweep_key"], value_text, label, payload,
                                hashlib.sha256(payload).hexdigest(), info, objectives))
    return points


def _label(scenario, key, value):
    text = f"{scenario}" + (f"--{key}={value}" if key else "")
    return "".join(c if c.isalnum() or c in "-_.=" else "_" for c in text)


def _copy(src, dst):
    if Path(src).resolve() != Path(dst).resolve():
        write_atomic(dst, Path(src).read_bytes())


def batch_identity(spec, points):
    """What must match for --resume to continue a batch: all but the run count, workers and replays."""
    return {
        "format": FORMAT, "format_version": FORMAT_VERSION, "seed": spec.seed,
        "scenarios": [p.scenario for p in points if p.sweep_value == points[0].sweep_value],
        "bots": dict(spec.bots), "set": list(spec.sets), "sweep": spec.sweep,
        "from": Path(spec.from_replay).name if spec.from_replay else None, "at_turn": spec.at_turn,
        "points": [p.info for p in points],
    }


# --- playing: the same code in-process, in a local pool and on Dask workers ---------------------------

_POINTS = {}  # key -> unpickled point, kept per worker process so each loads the rules once


def _init_worker(payloads):
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    for key, payload in payloads.items():
        _POINTS[key] = pickle.loads(payload)


def _point(key, payload=None):
    point = _POINTS.get(key)
    if point is None:
        if len(_POINTS) > 64:
            _POINTS.clear()
        point = _POINTS[key] = pickle.loads(payload)
    return point


def play_chunk(key, payload, ids, runs):
    """Play runs [(run, seed), ...] of one point; returns [(run row, turn rows), ...] in run order."""
    point = _point(key, payload)
    return [play_run(point, ids, run, seed) for run, seed in runs]


def play_run(point, ids, run, seed):
    """One whole game (or fork) with bots: its runs.csv row and turns.csv rows, as lists of values."""
    from wargame.controllers.base import controllers_from_labels
    from wargame.engine import Game, play_game

    template = point["game"]
    game = Game(template.scenario, template.rules, seed, template.turns)
    controllers = controllers_from_labels(game.rules, {s: f"bot:{p}" for s, p in point["bots"].items()}, game=game)
    writer = None
    if point["keep_dir"]:
        from wargame.replay import ReplayWriter, header_for
        header = header_for(game, controllers, point["scenario_ref"], parent=point["entry"])
        name = f"{game.scenario.name}-run{run:05d}.jsonl"
        writer = ReplayWriter(Path(point["keep_dir"]) / name, header, force=True)
    # the per-turn state digest only a replay needs; a worker's Ctrl-C is the parent's to handle
    result = play_game(game, controllers, point["state"], writer=writer, with_digest=writer is not None,
                       catch_interrupt=False)
    turn_rows = [list(ids) + [run, r.turn] + [r.metrics[m] for m in TURN_METRICS] for r in result.records]
    metrics = result.records[-1].metrics if result.records else {}
    scores = (result.outcome or game.outcome(result.state, result.records))["scores"]  # as play scores it
    row = list(ids) + [run, seed] + [metrics.get(m) for m in METRIC_NAMES] + [scores[s]["score"] for s in SIDES]
    return row, turn_rows


# --- the files ----------------------------------------------------------------------------------------

def read_done(path):
    """The run ids (scenario, sweep key, sweep value, run) already in a runs.csv."""
    done = set()
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None:
            return done
        if tuple(header) != RUN_COLUMNS:
            raise BatchError(f"{path}: the columns differ from this engine's: start a new batch in another folder")
        for row in reader:
            if len(row) == len(RUN_COLUMNS):
                done.add((row[0], row[1], row[2], int(row[3])))
    return done


def _keep_turns_of(path, done):
    """Rewrite turns.csv keeping only the rows of runs in runs.csv (a run's turns go in before its row)."""
    def keep(dst):
        with open(path, newline="", encoding="utf-8") as src:
            reader, writer = csv.reader(src), csv.writer(dst, lineterminator="\n")
            header = next(reader, None)
            writer.writerow(TURN_COLUMNS)
            if header is not None and tuple(header) == TURN_COLUMNS:
                for row in reader:
                    if len(row) == len(TURN_COLUMNS) and (row[0], row[1], row[2], int(row[3])) in done:
                        writer.writerow(row)
    write_atomic(path, keep)


class Sink:
    """Appends finished runs to runs.csv and turns.csv, flushed after each write."""

    def __init__(self, out_dir, resume):
        self.runs_path = Path(out_dir) / "runs.csv"
        self.turns_path = Path(out_dir) / "turns.csv"
        self.done = set()
        if resume and self.runs_path.exists():
            cut_torn_tail(self.runs_path)
            self.done = read_done(self.runs_path)
            if self.turns_path.exists():
                cut_torn_tail(self.turns_path)
                _keep_turns_of(self.turns_path, self.done)
        new_runs = not self.runs_path.exists() or self.runs_path.stat().st_size == 0
        new_turns = not self.turns_path.exists() or self.turns_path.stat().st_size == 0
        self.runs_file = open(self.runs_path, "a", newline="", encoding="utf-8")
        self.turns_file = open(self.turns_path, "a", newline="", encoding="utf-8")
        self.runs = csv.writer(self.runs_file, lineterminator="\n")
        self.turns = csv.writer(self.turns_file, lineterminator="\n")
        if new_runs:
            self.runs.writerow(RUN_COLUMNS)
        if new_turns:
            self.turns.writerow(TURN_COLUMNS)
        self.written = 0

    def write(self, results):
        for row, turn_rows in results:
            self.turns.writerows(turn_rows)
            self.turns_file.flush()
            self.runs.writerow(row)
            self.runs_file.flush()
            self.written += 1

    def close(self):
        self.runs_file.close()
        self.turns_file.close()


def sorted_rows(path):
    """The rows of a CSV (header first), the rest sorted by run id: compare two batches with this."""
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [r for r in reader if len(r) == len(header)]
    return [header] + sorted(rows, key=lambda r: (r[0], r[1], r[2], int(r[3])) + tuple(r[4:5]))


# --- running --------------------------------------------------------------------------------------------

@attrs.frozen
class BatchResult:
    out_dir: str
    total: int
    done: int
    ran: int
    interrupted: bool


def plan(spec, points, done=frozenset()):
    """The runs still to play: [(point, [(run, seed), ...])], in run order."""
    todo = []
    for point in points:
        ids = (point.scenario, point.sweep_key, point.sweep_value)
        runs = [(i, derive_seed(spec.seed, *ids, i)) for i in range(1, spec.runs + 1) if ids + (i,) not in done]
        if runs:
            todo.append((point, runs))
    return todo


def chunks(todo, workers):
    """Tasks of several runs each (fewer round trips), in run order: [(point, ids, runs)]."""
    total = sum(len(r) for _, r in todo)
    size = max(1, min(50, -(-total // max(1, workers * 8))))
    out = []
    for point, runs in todo:
        ids = (point.scenario, point.sweep_key, point.sweep_value)
        for i in range(0, len(runs), size):
            out.append((point, ids, runs[i:i + size]))
    return out


def run_batch(spec, out_dir, workers=1, dask=None, resume=False, on_progress=None, on_start=None, mark=None):
    """Play a batch into out_dir and write its summary; returns a BatchResult. KeyboardInterrupt keeps
    every finished run and returns with interrupted=True (continue with resume=True). mark: a replay to
    place in the summary's spread (read before any run, so a bad one fails first)."""
    out_dir = Path(out_dir)
    if mark:
        from wargame.batch_summary import read_mark
        read_mark(mark)
    runs_path = out_dir / "runs.csv"
    if runs_path.exists() and not resume:
        raise BatchError(f"{out_dir}: holds a batch already: add --resume to continue it, or choose another --out")
    if resume and not (out_dir / "batch.json").exists():
        if runs_path.exists():
            raise BatchError(f"{out_dir}: no batch.json beside runs.csv: cannot tell what the batch was")
        resume = False
    if workers < 1:
        raise BatchError(f"--workers must be at least 1, found {workers}")
    client = _dask_client(dask, workers) if dask else None  # an unreachable scheduler fails before any file
    try:
        make_folder(out_dir, "batch folder")
        points = prepare(spec, out_dir)
        identity = batch_identity(spec, points)
        meta_path = out_dir / "batch.json"
        if resume:
            old = json.loads(meta_path.read_text(encoding="utf-8"))
            if {k: v for k, v in old.items() if k not in ("runs", "objectives")} != identity:
                raise BatchError(f"{out_dir}: holds a different batch (scenarios, seed, bots, --set, --sweep, --from or "
                                 "the rules differ): give the same options, or choose another --out")
        meta = dict(identity, runs=max(spec.runs, old.get("runs", 0)) if resume else spec.runs,
                    objectives=[{"scenario": p.scenario, "sweep_key": p.sweep_key, "sweep_value": p.sweep_value,
                                 "objectives": p.objectives} for p in points])
        write_atomic(meta_path, json.dumps(meta, indent=1, sort_keys=True) + "\n")
        sink = Sink(out_dir, resume)
        todo = plan(spec, points, sink.done)
        total = len(points) * spec.runs
        already = total - sum(len(r) for _, r in todo)
        if on_start:
            on_start(total, already)
        interrupted = False
        try:
            if client is not None:
                _run_dask(client, todo, sink, on_progress, workers)
            elif workers == 1:
                _run_here(todo, sink, on_progress)
            else:
                _run_pool(todo, sink, on_progress, workers)
        except KeyboardInterrupt:
            interrupted = True
        finally:
            sink.close()
        done = already + sink.written
        if not interrupted:
            from wargame.batch_summary import build_summary
            build_summary(out_dir, mark)
        return BatchResult(str(out_dir), total, done, sink.written, interrupted)
    finally:
        if client is not None:
            _close_dask(client)


def _run_here(todo, sink, on_progress):
    for point, runs in todo:
        ids = (point.scenario, point.sweep_key, point.sweep_value)
        for run, seed in runs:
            sink.write([play_run(_point(point.key, point.payload), ids, run, seed)])
            if on_progress:
                on_progress(1)


class _Ordered:
    """Writes chunk results in chunk order however they finish; on interrupt, all finished ones."""

    def __init__(self, sink, on_progress):
        self.sink, self.on_progress = sink, on_progress
        self.next, self.waiting = 0, {}

    def add(self, index, results):
        self.waiting[index] = results
        while self.next in self.waiting:
            self.sink.write(self.waiting.pop(self.next))
            self.next += 1
        if self.on_progress:
            self.on_progress(len(results))

    def flush_all(self):
        for index in sorted(self.waiting):
            self.sink.write(self.waiting.pop(index))


def _run_pool(todo, sink, on_progress, workers):
    import concurrent.futures as cf
    import multiprocessing

    tasks = chunks(todo, workers)
    payloads = {point.key: point.payload for point, _ in todo}
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    pool = cf.ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker, initargs=(payloads,))
    ordered = _Ordered(sink, on_progress)
    pending = {}
    it = iter(enumerate(tasks))
    try:
        def submit_more():
            while len(pending) < workers * IN_FLIGHT_PER_WORKER:
                nxt = next(it, None)
                if nxt is None:
                    return
                index, (point, ids, runs) = nxt
                pending[pool.submit(play_chunk, point.key, None, ids, runs)] = index
        submit_more()
        while pending:
            finished, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
            for fut in finished:
                index = pending.pop(fut)
                ordered.add(index, fut.result())
            submit_more()
    except KeyboardInterrupt:
        for fut, index in list(pending.items()):
            if fut.done() and not fut.cancelled() and fut.exception() is None:
                ordered.waiting[index] = fut.result()
        ordered.flush_all()
        for proc in list(getattr(pool, "_processes", {}).values()):
            proc.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


# --- Dask ----------------------------------------------------------------------------------------------

def _dask_client(address, workers):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise BatchError("--dask needs Dask distributed: pip install 'wargame[distributed]'") from None
    if address == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=50)
        return Client(cluster)
    try:
        return Client(address, timeout="2s")
    except (OSError, TimeoutError, ValueError) as e:
        reason = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise BatchError(f"cannot reach the Dask scheduler at {address}: {reason}") from None


def _close_dask(client):
    cluster = client.cluster
    client.close()
    if cluster is not None:
        cluster.close()


def _run_dask(client, todo, sink, on_progress, workers):
    from dask.distributed import as_completed

    n = max(workers, len(client.scheduler_info().get("workers", {})) or 1)
    tasks = chunks(todo, n)
    payloads = {point.key: client.scatter(point.payload, broadcast=True) for point, _ in todo}
    ordered = _Ordered(sink, on_progress)
    it = iter(enumerate(tasks))
    index_of = {}

    def submit():
        nxt = next(it, None)
        if nxt is None:
            return None
        index, (point, ids, runs) = nxt
        fut = client.submit(play_chunk, point.key, payloads[point.key], ids, runs, pure=False)
        index_of[fut.key] = index
        return fut

    first = [f for f in (submit() for _ in range(n * IN_FLIGHT_PER_WORKER)) if f is not None]
    queue = as_completed(first)
    try:
        for fut in queue:
            ordered.add(index_of.pop(fut.key), fut.result())
            fut.release()
            more = submit()
            if more is not None:
                queue.add(more)
    except KeyboardInterrupt:
        ordered.flush_all()
        raise
