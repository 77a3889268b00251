"""Everything under the user data folder is private to the user (issue 15 item 5): folders 0700,
files 0600 — settings, autosaves, trained models, the training folder's plain-text copy of the
user's documents, checkpoints. The user's own documents keep their permissions.

The trainer is run as the real process (``python -m wordpad_ai.training.runner``) and stopped
as soon as it has written its copy of the documents.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from wordpad_ai import paths
from wordpad_ai.documents import DocumentFormat, load_document, save_document
from wordpad_ai.fileutil import atomic_write_json
from wordpad_ai.modelstore import ModelStore
from wordpad_ai.settings import Settings, save_settings

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def not_private(root: Path) -> list[str]:
    """Every folder under ``root`` that is not 0700 and every file that is not 0600."""
    bad = []
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            if mode(Path(folder) / name) != 0o700:
                bad.append(f"{Path(folder) / name} {oct(mode(Path(folder) / name))}")
        for name in files:
            if mode(Path(folder) / name) != 0o600:
                bad.append(f"{Path(folder) / name} {oct(mode(Path(folder) / name))}")
    return bad


@pytest.fixture(autouse=True)
def usual_umask():
    """The umask most desktops run with, so a file made the ordinary way would be 0644."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_the_four_folders_and_models_are_private_and_tightened(wordpad_home):
    made = [paths.config_dir(), paths.data_dir(), paths.cache_dir(), paths.state_dir(),
            paths.models_dir()]
    assert [oct(mode(p)) for p in made] == ["0o700"] * 5
    os.chmod(paths.data_dir(), 0o755)  # as an older version left it
    assert mode(paths.data_dir()) == 0o700


def test_settings_and_app_files_are_0600(wordpad_home):
    save_settings(Settings())
    atomic_write_json(paths.data_dir() / "adaptive" / "common.json", {"words": ["secret"]})
    assert mode(paths.settings_file()) == 0o600
    assert mode(paths.data_dir() / "adaptive") == 0o700
    assert not_private(wordpad_home) == []


def test_promoted_model_is_private_even_when_written_0644(wordpad_home, tmp_path):
    staging = tmp_path / "staging"
    (staging / "sub").mkdir(parents=True)
    with open(staging / "weights.npz", "wb") as fh:  # as numpy writes it, under umask 022
        np.savez(fh, w=np.zeros(3))
    (staging / "sub" / "vocab.json").write_text("[]", encoding="utf-8")
    (staging / "config.json").write_text("{}", encoding="utf-8")
    assert mode(staging / "weights.npz") == 0o644
    ModelStore().promote("lstm", staging, {"words": 3})
    assert not_private(paths.models_dir()) == []


def test_autosaves_and_personal_dictionary_are_private(wordpad_home):
    from wordpad_ai.spelling import Speller, personal_file
    from wordpad_ai.ui.autosave import autosave_dir

    assert mode(autosave_dir()) == 0o700
    Speller().add_to_dictionary("Quenya")
    assert mode(personal_file()) == 0o600
    assert not_private(wordpad_home) == []


def test_user_documents_keep_their_permissions(tmp_path):
    shared = tmp_path / "letter.txt"
    shared.write_text("Dear all,", encoding="utf-8")
    os.chmod(shared, 0o640)
    save_document(shared, "Dear all, hello.", load_document(shared).format)
    assert mode(shared) == 0o640 and shared.read_text(encoding="utf-8") == "Dear all, hello."
    new = tmp_path / "new.txt"
    save_document(new, "fresh", DocumentFormat(kind="plain"))
    assert mode(new) == 0o644  # what the umask gives, not 0600


def test_the_trainer_process_writes_the_copy_of_the_documents_privately(wordpad_home, tmp_path):
    from wordpad_ai.training.protocol import JobSpec

    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(3):
        (docs / f"letter{i}.txt").write_text(
            "\n\n".join(f"My account password is hunter{i} and paragraph {j}." for j in range(20)),
            encoding="utf-8")
    spec = JobSpec(model_id="lstm", paths=(str(docs),), base="scratch", time_budget_s=None,
                   epochs=1, hyperparameters={"vocab_size": 50, "embed_dim": 8, "hidden_dim": 8})
    proc = subprocess.Popen([sys.executable, "-m", "wordpad_ai.training.runner"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "WORDPAD_AI_HOME": str(wordpad_home)})
    proc.stdin.write(json.dumps(spec.to_json()).encode())
    proc.stdin.close()
    events = []
    try:
        for line in proc.stdout:
            events.append(json.loads(line))
            if events[-1]["event"] in ("split", "error"):
                proc.send_signal(signal.SIGTERM)
                break
        proc.wait(120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert events and events[-1]["event"] == "split", (events, proc.stderr.read()[-2000:])
    copies = [p for p in wordpad_home.rglob("*") if p.is_file()
              and b"hunter1" in p.read_bytes()]
    assert copies, "the trainer wrote no copy of the documents"
    assert not_private(wordpad_home) == []
