#!/usr/bin/env python3
"""Presage baseline: keystroke savings of a 3-gram Presage model trained on the same text.

Usage::

    python packaging/presage_baseline.py TRAIN_FILE... --test FILE... [-k 1 3 6] [--json]

Builds a 1-, 2- and 3-gram sqlite database from the training files with ``text2ngram``
(lower-cased, as Presage's shipped databases are), writes a Presage config that uses only a
``SmoothedNgramPredictor`` on it (deltas 0.01 0.1 0.89, learning off, *k* suggestions; the other
settings as in Presage's shipped ``/etc/presage.xml``), runs ``presage_simulator -q`` on each
test file and reports the keystroke savings rate per *k*, overall and per file.

Needs the Debian/Ubuntu package ``presage`` (``apt-get install presage``). Standalone: it does
not import wordpad_ai, so it runs with any Python 3.

Protocol notes (compare ``wordpad_ai/evaluation/keystrokes.py``): presage_simulator tokenises on whitespace
and ASCII punctuation (punctuation is dropped), compares suggestions case-sensitively (use
``--insensitive`` to lower-case the test words, Presage's ``-i``), costs 1 for a word offered
with nothing typed, n + 1 for one offered after n typed characters and L + 1 otherwise, counts
lengths in bytes (UTF-8), and starts its selection counter ``ks`` at 1, so each run carries
one extra keystroke. Its KSR is (1 - (ki + ks) / kn); with several test files we sum ki + ks
and kn over the runs.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import string
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from xml.sax.saxutils import escape

WORD_RE = re.compile(r"[^\s" + re.escape(string.punctuation) + r"]+")

CONFIG_TEMPLATE = """<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<Presage>
    <PredictorRegistry>
        <LOGGER>ERROR</LOGGER>
        <PREDICTORS>BaselineSmoothedNgramPredictor</PREDICTORS>
    </PredictorRegistry>
    <ContextTracker>
        <LOGGER>ERROR</LOGGER>
        <SLIDING_WINDOW_SIZE>80</SLIDING_WINDOW_SIZE>
        <LOWERCASE_MODE>yes</LOWERCASE_MODE>
        <ONLINE_LEARNING>no</ONLINE_LEARNING>
    </ContextTracker>
    <Selector>
        <LOGGER>ERROR</LOGGER>
        <SUGGESTIONS>{k}</SUGGESTIONS>
        <REPEAT_SUGGESTIONS>{repeat}</REPEAT_SUGGESTIONS>
        <GREEDY_SUGGESTION_THRESHOLD>0</GREEDY_SUGGESTION_THRESHOLD>
    </Selector>
    <PredictorActivator>
        <LOGGER>ERROR</LOGGER>
        <PREDICT_TIME>1000</PREDICT_TIME>
        <MAX_PARTIAL_PREDICTION_SIZE>60</MAX_PARTIAL_PREDICTION_SIZE>
        <COMBINATION_POLICY>Meritocracy</COMBINATION_POLICY>
    </PredictorActivator>
    <ProfileManager>
        <LOGGER>ERROR</LOGGER>
        <AUTOPERSIST>false</AUTOPERSIST>
    </ProfileManager>
    <Predictors>
        <BaselineSmoothedNgramPredictor>
            <PREDICTOR>SmoothedNgramPredictor</PREDICTOR>
            <LOGGER>ERROR</LOGGER>
            <DBFILENAME>{db}</DBFILENAME>
            <DELTAS>0.01 0.1 0.89</DELTAS>
            <LEARN>false</LEARN>
            <DatabaseConnector>
                <LOGGER>ERROR</LOGGER>
            </DatabaseConnector>
        </BaselineSmoothedNgramPredictor>
    </Predictors>
</Presage>
"""


class BaselineError(Exception):
    """A problem the user can fix (missing tool, unreadable file); printed as one line."""


@dataclass(frozen=True)
class SimulatorRun:
    """One presage_simulator run on one test file."""

    file: str  # the test file
    k: int  # suggestions per prediction
    ki: int  # keystrokes typed, selections after typing included
    ks: int  # selections with nothing typed, plus Presage's initial 1
    kn: int  # keystrokes without prediction: sum of (length + 1)
    ksr: float  # Presage's own figure, as a fraction: 1 - (ki + ks) / kn
    words: int  # words in the file (same tokenisation)
    seconds: float  # wall-clock time of the run
    cpu_seconds: float  # CPU time of the run (user + system), steadier on a busy machine


def require_tools() -> None:
    missing = [t for t in ("text2ngram", "presage_simulator") if shutil.which(t) is None]
    if missing:
        raise BaselineError(f"{' and '.join(missing)} not found; install Presage's tools "
                            f"with 'apt-get install presage'")


def build_database(train_files: list[Path], db: Path, order: int = 3) -> None:
    """1..order-gram counts of ``train_files`` in the sqlite database ``db``."""
    for n in range(1, order + 1):
        proc = subprocess.run(
            ["text2ngram", "-n", str(n), "-l", "-f", "sqlite", "-o", str(db),
             *map(str, train_files)],
            capture_output=True, text=True,
        )
        if proc.returncode != 0:
            raise BaselineError(f"text2ngram -n {n} failed: {proc.stderr.strip() or proc.stdout}")


def write_config(path: Path, db: Path, k: int, repeat_suggestions: bool = False) -> Path:
    """A Presage config with one SmoothedNgramPredictor on ``db`` offering ``k`` suggestions."""
    path.write_text(CONFIG_TEMPLATE.format(k=k, db=escape(str(db)),
                                           repeat="yes" if repeat_suggestions else "no"),
                    encoding="utf-8")
    return path


_FIELD_RE = re.compile(r"^(ki|ks|kn|KSR)\s*:\s*(-?[\d.eE+-]+|-?nan|-?inf)\s*$", re.MULTILINE)


def parse_output(output: str) -> dict[str, float]:
    """ki, ks, kn and KSR (in percent) from presage_simulator's report."""
    fields = {name: float(value) for name, value in _FIELD_RE.findall(output)}
    missing = {"ki", "ks", "kn"} - fields.keys()
    if missing:
        raise BaselineError(f"could not read {', '.join(sorted(missing))} from "
                            f"presage_simulator output: {output[-300:]!r}")
    return fields


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def simulate(test_file: Path, config: Path, k: int, insensitive: bool = False) -> SimulatorRun:
    """Run presage_simulator on one file."""
    cmd = ["presage_simulator", "-q", "-c", str(config)]
    if insensitive:
        cmd.append("-i")
    t0 = time.perf_counter()
    cpu0 = _children_cpu()
    proc = subprocess.run([*cmd, str(test_file)], capture_output=True, text=True,
                          errors="replace")
    seconds = time.perf_counter() - t0
    cpu_seconds = _children_cpu() - cpu0
    if proc.returncode != 0:
        raise BaselineError(f"presage_simulator failed on {test_file}: "
                            f"{(proc.stderr or proc.stdout).strip()[-300:]}")
    fields = parse_output(proc.stdout)
    ki, ks, kn = int(fields["ki"]), int(fields["ks"]), int(fields["kn"])
    text = test_file.read_text(encoding="utf-8", errors="replace")
    return SimulatorRun(file=str(test_file), k=k, ki=ki, ks=ks, kn=kn,
                        ksr=1 - (ki + ks) / kn if kn else 0.0,
                        words=len(WORD_RE.findall(text)), seconds=seconds,
                        cpu_seconds=cpu_seconds)


def combined(runs: list[SimulatorRun]) -> dict:
    """KSR over several runs of one k: sums of ki + ks and kn."""
    used = sum(r.ki + r.ks for r in runs)
    total = sum(r.kn for r in runs)
    seconds = sum(r.seconds for r in runs)
    cpu_seconds = sum(r.cpu_seconds for r in runs)
    words = sum(r.words for r in runs)
    return {"ksr": 1 - used / total if total else 0.0, "keystrokes_used": used,
            "keystrokes_total": total, "words": words, "seconds": seconds,
            "cpu_seconds": cpu_seconds,
            "words_per_s": words / seconds if seconds else 0.0}


def run_baseline(train_files: list[Path], test_files: list[Path], ks: list[int],
                 workdir: Path, insensitive: bool = False,
                 repeat_suggestions: bool = False) -> dict:
    """Build the database in ``workdir`` (or reuse the one built there from the same training
    files, same sizes: ``train.json``), simulate every test file for every k."""
    require_tools()
    for f in [*train_files, *test_files]:
        if not f.is_file():
            raise BaselineError(f"{f}: no such file; check the path")
    db = workdir / "ngrams.db"
    manifest = workdir / "train.json"
    built_from = json.dumps([[str(f.resolve()), f.stat().st_size] for f in train_files])
    t0 = time.perf_counter()
    if not (db.is_file() and manifest.is_file() and manifest.read_text() == built_from):
        db.unlink(missing_ok=True)
        manifest.unlink(missing_ok=True)
        build_database(train_files, db)
        manifest.write_text(built_from)
    build_seconds = time.perf_counter() - t0
    results: dict = {"train_files": [str(f) for f in train_files],
                     "test_files": [str(f) for f in test_files],
                     "build_seconds": build_seconds, "insensitive": insensitive,
                     "repeat_suggestions": repeat_suggestions, "by_k": {}}
    for k in ks:
        config = write_config(workdir / f"presage_k{k}.xml", db, k, repeat_suggestions)
        runs = [simulate(f, config, k, insensitive) for f in test_files]
        results["by_k"][str(k)] = {**combined(runs), "runs": [asdict(r) for r in runs]}
    return results


def format_table(results: dict) -> str:
    lines = [f"Presage 3-gram baseline (SmoothedNgramPredictor), database built in "
             f"{results['build_seconds']:.1f} s",
             f"{'k':>3}  {'KSR':>7}  {'words':>7}  {'seconds':>8}  {'CPU s':>8}  {'words/s':>8}"]
    for k, r in results["by_k"].items():
        lines.append(f"{k:>3}  {100 * r['ksr']:6.1f}%  {r['words']:7d}  {r['seconds']:8.1f}"
                     f"  {r['cpu_seconds']:8.1f}  {r['words_per_s']:8.1f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Keystroke savings of a Presage 3-gram model (presage_simulator).")
    parser.add_argument("train", nargs="+", type=Path, metavar="TRAIN_FILE")
    parser.add_argument("--test", nargs="+", type=Path, required=True, metavar="FILE")
    parser.add_argument("-k", nargs="+", type=int, default=[1, 3, 6],
                        help="suggestion counts to simulate (default 1 3 6)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--insensitive", action="store_true",
                        help="lower-case the test words (presage_simulator -i)")
    parser.add_argument("--repeat-suggestions", action="store_true",
                        help="let Presage repeat suggestions already offered for this word")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR",
                        help="build the database and configs in DIR and keep them (a database "
                             "already there from the same training files is reused)")
    args = parser.parse_args(argv)
    if any(k < 1 for k in args.k):
        print("presage_baseline: error: -k values must be at least 1", file=sys.stderr)
        return 2
    try:
        if args.keep is not None:
            args.keep.mkdir(parents=True, exist_ok=True)
            results = run_baseline(args.train, args.test, args.k, args.keep, args.insensitive,
                                   args.repeat_suggestions)
        else:
            with tempfile.TemporaryDirectory(prefix="presage-baseline-") as tmp:
                results = run_baseline(args.train, args.test, args.k, Path(tmp),
                                       args.insensitive, args.repeat_suggestions)
    except BaselineError as exc:
        print(f"presage_baseline: error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(results, indent=2) if args.json else format_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
