"""Shared TensorFlow machinery for recurrent language models (imported lazily, never by the GUI)."""
