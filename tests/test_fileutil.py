"""Atomic writes: the JSON of names that are not UTF-8 (issue 15 item 1: a skipped file named
``bad\\nname\\xff\\xfe.txt`` crashed the run after training, in ``atomic_write_json``)."""

from __future__ import annotations

import json
import os

from wordpad_ai.fileutil import atomic_write_json


def test_json_with_a_file_name_that_is_not_utf8_round_trips(tmp_path):
    name = os.fsdecode(b"bad\nname\xff\xfe.txt")  # how Python holds such a name: lone surrogates
    obj = {"skipped": [{"path": name, "reason": "binary file"}], "note": "café"}
    atomic_write_json(tmp_path / "report.json", obj)
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8")) == obj
    assert os.fsencode(json.loads((tmp_path / "report.json").read_text())["skipped"][0]["path"]) \
        == b"bad\nname\xff\xfe.txt"


def test_json_stays_readable_utf8_otherwise(tmp_path):
    atomic_write_json(tmp_path / "s.json", {"word": "naïve"})
    assert "naïve" in (tmp_path / "s.json").read_text(encoding="utf-8")
