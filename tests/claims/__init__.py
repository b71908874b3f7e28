"""Tests of the numbers and claims the chapters state."""
