"""Causal Discovery Toolbox (tiny re-layout): `cdt.causality.graph.SAM` and the torch utilities it uses."""

from . import causality
from .utils.Settings import SETTINGS

__all__ = ["causality", "SETTINGS"]
