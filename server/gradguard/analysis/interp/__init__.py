"""The abstract interpreter, by concern: statements, expressions, calls, torch ops, torch.nn
modules, and the entry points (units); `analysis/interpreter.py` puts them together."""
