"""The exercises of the chapter digits (in progress)."""
