"""The exercises of the chapter xor (in progress)."""
