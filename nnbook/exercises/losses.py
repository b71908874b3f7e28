"""The exercises of the chapter losses (in progress)."""
