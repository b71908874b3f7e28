"""The exercises of the chapter initialisation (in progress)."""
