"""Tests of the library: each public function and class against its definition."""
