"""The plugin contract: pluggy markers and hook specifications of the ``wordpad_ai`` project.

Every hook is documented here and, with its exact signature, in ``docs/plugins.md``; a test fails
when the two drift apart. Hooks only grow: arguments may be added, never renamed or removed.
An implementation may accept any subset of a hook's arguments.
"""

from __future__ import annotations

import pluggy

PROJECT_NAME = "wordpad_ai"
ENTRY_POINT_GROUP = "wordpad_ai"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def wordpad_ai_register_models(register):
    """Register model classes that the app can suggest with.

    Called once whenever plugins are loaded (engine process, each ``wordpad-ai`` command,
    ``wordpad_ai.load_model``). ``register(model_class)`` takes a subclass of
    :class:`wordpad_ai.api.NextWordModel` with a unique, non-empty ``model_id``. Call it once per
    model; return nothing. ``register`` raises for a class that is not a ``NextWordModel``
    subclass or an id that another plugin already registered (bundled plugins register first);
    a plugin whose hook raises is marked as failed and what it registered is taken back.

    Example::

        @wordpad_ai.hookimpl
        def wordpad_ai_register_models(register):
            register(UnigramModel)
    """


@hookspec
def wordpad_ai_register_readers(register):
    """Register document readers for the "Train on my documents" dialog and ``wordpad-ai train``.

    ``register(extensions, read)`` takes a tuple of lower-case file extensions with the dot
    (``(".epub",)``) and a function ``read(path: pathlib.Path) -> str`` returning the document's
    plain text, or raising ``wordpad_ai.text.readers.UnreadableDocument`` with a reason a person
    can act on. A plugin reader overrides a built-in reader for the same extension. Return
    nothing; a hook that raises marks its plugin as failed.

    Example::

        @wordpad_ai.hookimpl
        def wordpad_ai_register_readers(register):
            register((".org",), read_org)
    """
