"""The suggestion engine: in-process API, the engine process and its client."""
