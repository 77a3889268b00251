"""Bundled WordPad AI model plugin: the RNN cell."""
