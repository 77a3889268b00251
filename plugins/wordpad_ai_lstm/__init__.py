"""Bundled WordPad AI model plugin: the LSTM cell."""
