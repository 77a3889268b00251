"""Training on the user's documents: the runner process and its Qt-free protocol.

``python -m wordpad_ai.training.runner`` runs one job (see ``runner.py``); ``protocol.py`` is
what the GUI and the runner exchange; ``workdir.py`` is a job's folder and the held-out split.
"""
