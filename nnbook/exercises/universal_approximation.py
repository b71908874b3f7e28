"""The exercises of the chapter universal_approximation (in progress)."""
