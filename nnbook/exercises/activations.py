"""The exercises of the chapter activations (in progress)."""
