"""What the training and versions dialogs may do to the models in use, in one small interface.

A dialog never promotes into the store *and* switches the engine on its own: it calls
:class:`ModelControl`, which the window's training menu builds around the window's public
:meth:`MainWindow.switch_model` (tests build one around a bare ``EngineClient``, or none).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping

if TYPE_CHECKING:  # pragma: no cover - typing only; imported when first used (launch stays lean)
    from ..modelstore import ModelStore

Switch = Callable[[str, "str | None"], None]  # (model id, model folder or None) → engine switched


class ModelControl:
    """Promote trained models into ``store`` and have the engine switch (``switch``)."""

    def __init__(self, store: "ModelStore | None" = None, switch: Switch | None = None):
        self._store = store  # the user's trained versions (None: the default store, on first use)
        self._switch = switch  # the window's switch_model; None: nothing is running to switch

    @property
    def store(self) -> "ModelStore":
        if self._store is None:
            from ..modelstore import ModelStore

            self._store = ModelStore()
        return self._store

    @classmethod
    def of(cls, control: Any, store: "ModelStore | None" = None) -> "ModelControl":
        """``control`` itself if it is one, else one that switches through ``control`` (an
        ``EngineClient``, or None) and promotes into ``store``."""
        if isinstance(control, ModelControl):
            return control
        return cls(store, None if control is None else control.set_model)

    def set_model(self, model_id: str, path: str | None = None) -> None:
        """Suggest with ``model_id`` from ``path`` (None: the user's current version, else the
        shipped default)."""
        if self._switch is not None:
            self._switch(model_id, None if path is None else str(path))

    def promote_and_use(self, model_id: str, staging_dir: Path, metadata: Mapping[str, Any] | None = None) -> str:
        """Make a newly trained model (in ``staging_dir``) the current version of ``model_id``
        and suggest with it; returns the new version's name."""
        version = self.store.promote(model_id, Path(staging_dir), metadata)
        self.set_model(model_id, str(self.store.current_path(model_id)))
        return version
