"""Helpers shared by the test suite and the case tools: annotation parsing and torch execution."""
