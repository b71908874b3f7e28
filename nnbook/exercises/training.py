"""The exercises of the chapter training (in progress)."""
