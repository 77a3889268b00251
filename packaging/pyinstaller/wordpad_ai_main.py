"""Entry script of the frozen (PyInstaller) app: the ``wordpad-ai`` command line.

The same binary is the editor, every CLI command, and (re-invoked as ``wordpad-ai --engine-server``
by the editor) the suggestion engine process.
"""

import multiprocessing
import sys

from wordpad_ai.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
