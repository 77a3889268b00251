"""Shipped default model directories (``models/<model_id>/``), installed as package data."""

from __future__ import annotations

from pathlib import Path


def shipped_model_dir(model_id: str) -> Path:
    """The folder of a shipped default model (it may not exist for models that ship none)."""
    return Path(__file__).resolve().parent / model_id
