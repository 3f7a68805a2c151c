"""Time factcheck on synthetic corpora of 1k, 10k and 100k claims, every format, cold and warm.

Every measurement runs in a fresh subprocess, so one size's memory and
caches do not flatter the next, and the peak memory is that process's own:
`ru_maxrss` from `os.wait4` on it (the resident set's high-water mark).

For each size:
- `libyaml`: read every file and `yaml.load(..., Loader=yaml.CSafeLoader)` it,
  nothing else (the floor any YAML-based tool pays); once as Python runs it,
  once with the garbage collector off (the collector's share depends on the
  shape of the files, so a ratio to this floor does not);
- stages, timed inside one process: load (read, parse, validate), match
  (group claims about the same thing), compare (values, rules, findings),
  render (build the report and the JSON text);
- `cold`: the real command, `factcheck report --format json DIR`, output
  discarded, wall time from spawn to exit (start-up included), with the
  cache of loaded files (.factcheck_cache/ in the working directory) emptied
  first; `warm`: the same again, nothing changed; `changed`: after one claim
  file changed (a comment added at its top, which moves every position);
- every other format (`report` text, markdown, html; `check --format text`;
  `validate`), cold, once.

The machine is shared and noisy, so the figures that matter are ratios
measured in the same run: report / libyaml, and 100k / 10k.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_SIZES = (1_000, 10_000, 100_000)
ONE_GROUP_SIZES = (4_000, 20_000)
ONE_GROUP_SECONDS = 30.0  # issue 14: a group's cost is near-linear, never the n x n of before
CLAIMS_PER_SPREAD_GROUP = 20  # the one group's claims, spread: 20,000 claims over 1,000 groups
ONE_GROUP_OVER_SPREAD = 5.0  # issue 17: one group costs under 5x the same claims in many groups
GENERATOR_VERSION = 1
SEED = 1

# Targets of issues 8 and 17.
REPORT_OVER_LIBYAML = 1.5
WARM_OVER_LIBYAML = 0.5
CHANGED_OVER_LIBYAML = 0.7
EVERY_FORMAT_OVER_LIBYAML = 3.0
TEN_TIMES_CLAIMS = 11.0
PEAK_MEMORY_MB = 500
FORMAT_PEAK_MEMORY_MB = 1024
VERSION_OVER_PYTHON = 3.0
OTHER_FORMATS = {"text": ("report", "--format", "text"), "markdown": ("report", "--format", "markdown"),
                 "html": ("report", "--format", "html"), "check": ("check", "--format", "text"),
                 "validate": ("validate",)}
CACHE_DIR = ".factcheck_cache"
REPOSITORY = Path(__file__).resolve().parent.parent  # where `bench` is imported from


# --- measurements done inside a worker process -----------------------------


def libyaml_parse(folder: Path) -> dict:
    """Parse every claim file with libyaml's safe loader alone."""
    import yaml

    files = sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and not p.name.startswith("_"))
    start, cpu = time.perf_counter(), time.process_time()
    for path in files:
        with open(path, "rb") as handle:
            yaml.load(handle.read(), Loader=yaml.CSafeLoader)
    return {"libyaml": time.perf_counter() - start, "libyaml_cpu": time.process_time() - cpu, "files": len(files)}


def pipeline_stages(folder: Path) -> dict:
    """Load, match, compare and render, each timed, as `factcheck report --format json` does them."""
    from factcheck import engine
    from factcheck.formatters import RenderOptions, get_formatter
    from factcheck.loader import load_corpus
    from factcheck.report import build_report

    matched = {"seconds": 0.0}
    group_claims = engine.match_names

    def timed_group_claims(*args, **kwargs):
        start = time.perf_counter()
        try:
            return group_claims(*args, **kwargs)
        finally:
            matched["seconds"] += time.perf_counter() - start

    engine.match_names = timed_group_claims  # time matching apart from the rules
    try:
        start = time.perf_counter()
        corpus = load_corpus(folder)
        loaded = time.perf_counter()
        analysis = engine.analyse(corpus)
        analysed = time.perf_counter()
        text = get_formatter("json")(build_report(analysis), RenderOptions())
        rendered = time.perf_counter()
    finally:
        engine.match_names = group_claims
    kinds: dict[str, int] = {}
    for finding in analysis.findings:
        kinds[finding.kind.value] = kinds.get(finding.kind.value, 0) + 1
    return {
        "load": loaded - start,
        "match": matched["seconds"],
        "compare": analysed - loaded - matched["seconds"],
        "render": rendered - analysed,
        "claims": len(corpus.claims),
        "sources": len(corpus.sources),
        "errors": len(corpus.errors),
        "findings": kinds,
        "json_bytes": len(text.encode("utf-8")),
    }


def libyaml_parse_without_gc(folder: Path) -> dict:
    import gc

    gc.disable()
    figures = libyaml_parse(folder)
    return {"libyaml_nogc": figures["libyaml"], "libyaml_nogc_cpu": figures["libyaml_cpu"], "files": figures["files"]}


WORKERS = {"libyaml": libyaml_parse, "libyaml-nogc": libyaml_parse_without_gc, "stages": pipeline_stages}


# --- subprocesses -----------------------------------------------------------


def run_measured(command: list[str], *, capture: bool = False, cwd: Path | None = None,
                 env: dict[str, str] | None = None) -> tuple[float, float, int, str, float]:
    """Run a command; returns (wall seconds, peak RSS in MiB, exit code, stdout, CPU seconds)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, cwd=cwd, env=env)
    output = process.stdout.read().decode() if capture and process.stdout else ""
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.stdout:
        process.stdout.close()
    return wall, usage.ru_maxrss / 1024, process.returncode, output, usage.ru_utime + usage.ru_stime


def worker(kind: str, folder: Path) -> tuple[dict, float]:
    """Run one measurement in a fresh interpreter; returns its figures and its peak RSS (MiB)."""
    paths = [str(REPOSITORY), *filter(None, [os.environ.get("PYTHONPATH")])]  # `bench` is not installed
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    if kind == "stages":  # what each stage costs, not how it splits over children (`parallel`)
        env["FACTCHECK_JOBS"] = "1"
    _wall, peak, code, output, _cpu = run_measured(
        [sys.executable, "-m", "bench", "--worker", kind, str(folder)], capture=True, env=env)
    if code != 0:
        raise RuntimeError(f"benchmark worker {kind} failed on {folder} (exit {code})")
    return json.loads(output), peak


FACTCHECK_COMMAND: list[str] = []  # --factcheck: time another build (say, main's) with the same harness


def factcheck_command() -> list[str]:
    if FACTCHECK_COMMAND:
        return list(FACTCHECK_COMMAND)
    script = Path(sys.executable).parent / "factcheck"
    if script.exists():
        return [str(script)]
    found = shutil.which("factcheck")
    return [found] if found else [sys.executable, "-m", "factcheck"]


# --- corpora -----------------------------------------------------------------


def ensure_corpus(out: Path, claims: int) -> Path:
    """Generate a corpus once; a stamp records what made it, so a rerun reuses it."""
    from factcheck.writes import atomic_write
    from .generate import write_corpus

    folder = out / f"claims-{claims}"
    stamp = out / f"claims-{claims}.stamp"
    expected = f"generator {GENERATOR_VERSION} seed {SEED} claims {claims}\n"
    if folder.is_dir() and stamp.exists() and stamp.read_text() == expected:
        return folder
    write_corpus(folder, claims, SEED)
    atomic_write(stamp, expected)
    return folder


def ensure_groups(out: Path, claims: int, groups: int, distinct: bool) -> Path:
    from factcheck.writes import atomic_write
    from .generate import write_groups

    values = "distinct" if distinct else "agreeing"
    name = f"one-group-{values}-{claims}" if groups == 1 else f"groups-{groups}-{values}-{claims}"
    folder, stamp = out / name, out / f"{name}.stamp"
    expected = f"generator {GENERATOR_VERSION} seed {SEED} {name}\n"
    if folder.is_dir() and stamp.exists() and stamp.read_text() == expected:
        return folder
    write_groups(folder, claims, groups, distinct, SEED)
    atomic_write(stamp, expected)
    return folder


def measure_groups(out: Path, claims: int, distinct: bool, groups: int = 1) -> dict:
    """`factcheck report --format json` on `claims` claims in `groups` groups (cache emptied first):
    wall time, CPU and peak memory, one run."""
    folder = ensure_groups(out, claims, groups, distinct)
    empty_cache(out)
    wall, peak, code, _, cpu = run_measured(
        factcheck_command() + ["report", "--format", "json", str(folder.relative_to(out))], cwd=out)
    empty_cache(out)
    return {"claims": claims, "groups": groups, "values": "distinct" if distinct else "agreeing", "report": wall,
            "cpu": cpu, "peak": peak, "exit": code}


def one_group_targets(rows: list[dict]) -> list[tuple[str, bool]]:
    """Issue 17: one group against the same number of claims spread over many groups (time), and
    one group at two sizes (memory grows no faster than the claims)."""
    results = []
    single = {(r["claims"], r["values"]): r for r in rows if r["groups"] == 1}
    for row in rows:
        one = single.get((row["claims"], row["values"]))
        if row["groups"] == 1 or one is None:
            continue
        wall, cpu = one["report"] / row["report"], one["cpu"] / row["cpu"]
        results.append((f"one group of {row['claims']:,} {row['values']} claims / the same claims over "
                        f"{row['groups']:,} groups: {wall:.2f}x wall, {cpu:.2f}x CPU "
                        f"(target < {ONE_GROUP_OVER_SPREAD:.0f}x, judged on CPU)", cpu < ONE_GROUP_OVER_SPREAD))
    for values in ("distinct", "agreeing"):
        sizes = sorted(claims for claims, kind in single if kind == values)
        if len(sizes) < 2:
            continue
        small, large = single[(sizes[0], values)], single[(sizes[-1], values)]
        claims_ratio, peak_ratio = large["claims"] / small["claims"], large["peak"] / small["peak"]
        per_thousand = (large["peak"] - small["peak"]) / (large["claims"] - small["claims"]) * 1000
        results.append((f"one group of {values} claims, peak memory: {small['peak']:.0f} MiB at {small['claims']:,}, "
                        f"{large['peak']:.0f} MiB at {large['claims']:,} ({peak_ratio:.2f}x for {claims_ratio:.0f}x "
                        f"the claims, {per_thousand:.1f} MiB per 1,000 more; target: grows no faster than "
                        f"the claims)", peak_ratio <= claims_ratio))
    return results


def seed_corpus(out: Path) -> tuple[Path, str]:
    claims = Path("claims")
    if claims.is_dir() and any(claims.rglob("*.yaml")):
        return claims, "claims/ (the seed corpus)"
    return ensure_corpus(out, 50), "a generated 50-claim corpus (no claims/ here)"


# --- the table -----------------------------------------------------------------


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}, {platform.system()}"


def run_factcheck(out: Path, args: tuple[str, ...], folder: Path) -> tuple[float, float, float]:
    """One run in `out` (where its cache lives); returns (wall, CPU, peak MiB)."""
    wall, peak, code, _, cpu = run_measured(factcheck_command() + [*args, str(folder.relative_to(out))], cwd=out)
    if code not in (0, 1):
        raise RuntimeError(f"factcheck {' '.join(args)} failed on {folder} (exit {code})")
    return wall, cpu, peak


def empty_cache(out: Path) -> None:
    shutil.rmtree(out / CACHE_DIR, ignore_errors=True)


def changed_file(folder: Path) -> tuple[Path, str]:
    """The first claim file and its text, to restore after the `changed` run."""
    first = min(p for p in folder.rglob("*.yaml") if not p.name.startswith("_"))
    return first, first.read_text(encoding="utf-8")


def measure_sizes(out: Path, sizes: list[int], repeat: int, formats: tuple[str, ...] = ()) -> list[dict]:
    """Each size's stages once; then `repeat` rounds, each timing every size in turn (floors, cold,
    warm, changed), best of the rounds; the other `formats` (names in OTHER_FORMATS) once each at
    the largest size. Rounds, not one size after the other: on a shared machine a busy spell then
    lands on every size alike, so the growth from one size to the next compares like with like."""
    rows = [prepare_size(out, claims) for claims in sizes]
    for _ in range(max(1, repeat)):
        for row in rows:
            measure_round(out, row)
    for index, row in enumerate(rows):
        if index == len(rows) - 1:
            time_formats(out, row, formats)
        print(f"  measured {row['size']:,} claims", file=sys.stderr, flush=True)
    return rows


def measure_size(out: Path, claims: int, repeat: int, formats: tuple[str, ...] = ()) -> dict:
    """One size: stages once; floors, cold, warm and changed runs alternately, best of `repeat`; the
    other `formats` once each."""
    return measure_sizes(out, [claims], repeat, formats)[0]


def prepare_size(out: Path, claims: int) -> dict:
    """The corpus (generated once) and its stages, timed inside one process: a row to fill."""
    folder = ensure_corpus(out, claims)
    stages, stages_peak = worker("stages", folder)
    row = {"size": claims, **stages, "stages_peak": stages_peak, "peak": 0.0, "formats": {}, "folder": folder}
    for name in ("libyaml", "libyaml_nogc", "report", "warm", "changed"):
        row[name] = row[f"{name}_cpu"] = float("inf")
    return row


def measure_round(out: Path, row: dict) -> None:
    """One round at the row's size: the floors, then cold, warm and changed runs; the row keeps the best."""
    from factcheck.writes import atomic_write

    folder = row["folder"]
    baseline, _ = worker("libyaml", folder)
    without_gc, _ = worker("libyaml-nogc", folder)
    row["files"] = baseline["files"]
    for name, figures in (("libyaml", baseline), ("libyaml_nogc", without_gc)):
        row[name] = min(row[name], figures[name])
        row[f"{name}_cpu"] = min(row[f"{name}_cpu"], figures[f"{name}_cpu"])
    empty_cache(out)
    runs = {"report": run_factcheck(out, ("report", "--format", "json"), folder)}
    runs["warm"] = run_factcheck(out, ("report", "--format", "json"), folder)
    path, original = changed_file(folder)
    try:
        atomic_write(path, "# bench: this file changed\n" + original)
        runs["changed"] = run_factcheck(out, ("report", "--format", "json"), folder)
    finally:
        atomic_write(path, original)
    for name, (wall, cpu, peak) in runs.items():
        row[name], row[f"{name}_cpu"] = min(row[name], wall), min(row[f"{name}_cpu"], cpu)
    row["peak"] = max(row["peak"], runs["report"][2])
    empty_cache(out)


def time_formats(out: Path, row: dict, formats: tuple[str, ...]) -> None:
    """Every other format named, cold, once, at the row's size."""
    for name in formats:
        args = OTHER_FORMATS[name]
        empty_cache(out)
        row["formats"][" ".join(args)] = run_factcheck(out, args, row["folder"])
    empty_cache(out)


def format_table(rows: list[dict]) -> str:
    header = ("claims", "files", "findings", "load s", "match s", "compare s", "render s",
              "cold s", "warm s", "changed s", "libyaml s", "no GC s", "cold/floor", "warm/floor",
              "changed/floor", "CPU: cold/floor", "warm/floor", "changed/floor", "peak MiB")
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" for _ in header) + "|"]
    for row in rows:
        floor, floor_cpu = row["libyaml_nogc"], row["libyaml_nogc_cpu"]
        cells = (
            f"{row['size']:,}", f"{row['files']:,}", f"{sum(row['findings'].values()):,}",
            f"{row['load']:.2f}", f"{row['match']:.2f}", f"{row['compare']:.2f}", f"{row['render']:.2f}",
            f"{row['report']:.2f}", f"{row['warm']:.2f}", f"{row['changed']:.2f}",
            f"{row['libyaml']:.2f}", f"{floor:.2f}",
            f"{row['report'] / floor:.2f}", f"{row['warm'] / floor:.2f}", f"{row['changed'] / floor:.2f}",
            f"{row['report_cpu'] / floor_cpu:.2f}", f"{row['warm_cpu'] / floor_cpu:.2f}",
            f"{row['changed_cpu'] / floor_cpu:.2f}", f"{row['peak']:.0f}",
        )
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def format_formats_table(row: dict) -> str:
    floor, floor_cpu = row["libyaml_nogc"], row["libyaml_nogc_cpu"]
    lines = [f"every format at {row['size']:,} claims, cold, once (floor: libyaml without GC, "
             f"{floor:.2f} s wall, {floor_cpu:.2f} s CPU):", "",
             "| command | wall s | × floor | CPU s | × floor | peak MiB |", "|---|---:|---:|---:|---:|---:|"]
    every = {"report --format json": (row["report"], row["report_cpu"], row["peak"]), **row["formats"]}
    for name, (wall, cpu, peak) in every.items():
        lines.append(f"| `{name}` | {wall:.2f} | {wall / floor:.2f} | {cpu:.2f} | {cpu / floor_cpu:.2f} | {peak:.0f} |")
    return "\n".join(lines)


def growth_targets(rows: list[dict]) -> list[tuple[str, bool]]:
    """Each size against the size a tenth of it, if measured: ten times the claims, at most
    TEN_TIMES_CLAIMS times the time."""
    results = []
    by_size = {row["size"]: row for row in rows}
    for row in rows:
        smaller = by_size.get(row["size"] // 10)
        if smaller:
            growth = row["report"] / smaller["report"]
            cpu_growth = row["report_cpu"] / smaller["report_cpu"]
            stage_growth = sum(row[k] for k in ("load", "match", "compare", "render")) / \
                sum(smaller[k] for k in ("load", "match", "compare", "render"))
            results.append((f"{row['size']:,} / {smaller['size']:,} claims: report {growth:.2f}x wall, "
                            f"{cpu_growth:.2f}x CPU; stages {stage_growth:.2f}x (target <= {TEN_TIMES_CLAIMS}x)",
                            growth <= TEN_TIMES_CLAIMS))
    return results


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in DEFAULT_SIZES),
                        help="comma-separated corpus sizes in claims (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=Path("bench-out"), help="where corpora are generated")
    parser.add_argument("--startup-runs", type=int, default=10, help="best of N for start-up timings")
    parser.add_argument("--repeat", type=int, default=2, help="best of N for the report and libyaml timings")
    parser.add_argument("--one-group", default=",".join(str(s) for s in ONE_GROUP_SIZES),
                        help="sizes of the one-group case: all claims on one subject and property "
                             "(default: %(default)s; empty to skip)")
    parser.add_argument("--formats", default=",".join(OTHER_FORMATS),
                        help="the other commands to time once at the largest size besides report --format json "
                             "(default: %(default)s; empty for none)")
    parser.add_argument("--no-formats", action="store_true", help="time report --format json only (--formats '')")
    parser.add_argument("--yamllint", default=shutil.which("yamllint"),
                        help="a yamllint to time against `factcheck check` on the seed corpus (default: on PATH)")
    parser.add_argument("--factcheck", help="the factcheck command to time, split on spaces (default: this one)")
    parser.add_argument("--worker", nargs=2, metavar=("KIND", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        kind, folder = args.worker
        print(json.dumps(WORKERS[kind](Path(folder))))
        return 0

    if args.factcheck:
        FACTCHECK_COMMAND[:] = args.factcheck.split()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    formats = () if args.no_formats else tuple(name.strip() for name in args.formats.split(",") if name.strip())
    unknown = [name for name in formats if name not in OTHER_FORMATS]
    if unknown:
        parser.error(f"--formats: unknown {', '.join(unknown)} (known: {', '.join(OTHER_FORMATS)})")
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}", flush=True)
    # Sizes in rounds; other formats at the largest (last) size only: the table shows those.
    rows = measure_sizes(args.out.resolve(), sizes, max(1, args.repeat), formats)
    print()
    print(format_table(rows))
    print()
    print("load/match/compare/render: wall time of each stage inside one process, without children")
    print("(FACTCHECK_JOBS=1). cold: the command")
    print("`factcheck report --format json DIR` with its cache emptied first, wall time from spawn to exit")
    print("(start-up included); warm: again, nothing changed; changed: after one file changed; each best")
    print(f"of {args.repeat} rounds, a round timing every size in turn. libyaml: yaml.load(CSafeLoader) of the")
    print("same files and nothing else; no GC: the same")
    print("with the garbage collector off, the floor the ratios use; best of the same rounds, run alternately")
    print("with the commands. CPU: user+system seconds of the same runs (steadier when the machine is busy).")
    print("peak: ru_maxrss of the cold report process (os.wait4). Findings by kind:")
    for row in rows:
        kinds = ", ".join(f"{n:,} {k}" for k, n in sorted(row["findings"].items()))
        print(f"  {row['size']:,}: {kinds}; JSON {row['json_bytes'] / 1e6:.1f} MB")

    results = []
    largest = rows[-1]
    if largest["formats"]:
        print()
        print(format_formats_table(largest))
    floor, floor_cpu = largest["libyaml_nogc"], largest["libyaml_nogc_cpu"]
    for name, what, target in (("report", "cold", REPORT_OVER_LIBYAML), ("warm", "warm", WARM_OVER_LIBYAML),
                               ("changed", "one file changed", CHANGED_OVER_LIBYAML)):
        ratio, cpu_ratio = largest[name] / floor, largest[f"{name}_cpu"] / floor_cpu
        results.append((f"report --format json at {largest['size']:,} claims, {what} / libyaml parse without GC: "
                        f"{ratio:.2f}x wall, {cpu_ratio:.2f}x CPU (target <= {target}x)", ratio <= target))
    for name, (wall, cpu, peak) in largest["formats"].items():
        results.append((f"{name} at {largest['size']:,} claims / floor: {wall / floor:.2f}x wall, {cpu / floor_cpu:.2f}x "
                        f"CPU, {peak:.0f} MiB (target <= {EVERY_FORMAT_OVER_LIBYAML}x, < {FORMAT_PEAK_MEMORY_MB} MiB)",
                        wall / floor <= EVERY_FORMAT_OVER_LIBYAML and peak < FORMAT_PEAK_MEMORY_MB))
    results += growth_targets(rows)
    results.append((f"peak memory at {largest['size']:,} claims: {largest['peak']:.0f} MiB "
                    f"(target < {PEAK_MEMORY_MB} MiB)", largest["peak"] < PEAK_MEMORY_MB))

    groups = [int(s) for s in args.one_group.split(",") if s.strip()]
    if groups:
        print()
        print("one group (every claim on one subject and property), and the largest size's claims spread")
        print(f"over groups of {CLAIMS_PER_SPREAD_GROUP} (report --format json, cache emptied, one run):")
        print("| claims | groups | values | report s | CPU s | peak MiB | exit |")
        print("|---:|---:|---|---:|---:|---:|---:|")
        measured = []
        spread = max(1, groups[-1] // CLAIMS_PER_SPREAD_GROUP)
        for size, count in [(size, 1) for size in groups] + ([(groups[-1], spread)] if spread > 1 else []):
            for distinct in (True, False):
                row = measure_groups(args.out.resolve(), size, distinct, count)
                measured.append(row)
                print(f"| {row['claims']:,} | {row['groups']:,} | {row['values']} | {row['report']:.2f} | "
                      f"{row['cpu']:.2f} | {row['peak']:.0f} | {row['exit']} |", flush=True)
                if count == 1:
                    results.append((f"one group of {size:,} {row['values']} claims: {row['report']:.1f} s, "
                                    f"{row['peak']:.0f} MiB (target < {ONE_GROUP_SECONDS:.0f} s, "
                                    f"< {FORMAT_PEAK_MEMORY_MB} MiB)",
                                    row["exit"] in (0, 1) and row["report"] < ONE_GROUP_SECONDS
                                    and row["peak"] < FORMAT_PEAK_MEMORY_MB))
        results += one_group_targets(measured)

    runs = max(1, args.startup_runs)
    seed, seed_name = seed_corpus(args.out)
    python = version = seed_report = float("inf")
    for _ in range(runs):  # interleaved, so a busy moment hurts all three alike
        python = min(python, run_measured([sys.executable, "-c", "pass"])[0])
        version = min(version, run_measured(factcheck_command() + ["--version"])[0])
        seed_report = min(seed_report, run_measured(factcheck_command() + ["report", str(seed)])[0])
    print()
    print(f"start-up, best of {runs}: python -c pass {python * 1000:.0f} ms; factcheck --version "
          f"{version * 1000:.0f} ms ({version / python:.2f}x); factcheck report on {seed_name} "
          f"{seed_report * 1000:.0f} ms ({seed_report / python:.2f}x)")
    results.append((f"factcheck --version / python -c pass: {version / python:.2f}x (target <= {VERSION_OVER_PYTHON}x)",
                    version / python <= VERSION_OVER_PYTHON))
    if args.yamllint and seed.is_dir():
        checks, lints = [], []
        for _ in range(7):  # interleaved; the cache is warm after the first check, as in a pre-commit loop
            checks.append(run_measured(factcheck_command() + ["check", str(seed)])[0])
            lints.append(run_measured([args.yamllint, str(seed)])[0])
        check_ms, lint_ms = median(checks) * 1000, median(lints) * 1000
        print(f"pre-commit path on {seed_name}, medians of 7: factcheck check {check_ms:.0f} ms; "
              f"yamllint {lint_ms:.0f} ms ({check_ms / lint_ms:.2f}x)")
        results.append((f"factcheck check / yamllint on {seed_name}: {check_ms / lint_ms:.2f}x (target <= 1x)",
                        check_ms <= lint_ms))
    print()
    print("targets:")
    for text, ok in results:
        print(f"  [{verdict(ok)}] {text}")
    return 0
