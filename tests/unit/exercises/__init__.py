"""Deliberately wrong answers to the exercises, one module per chapter (see test_exercise_checks)."""
