"""Toy application package."""
