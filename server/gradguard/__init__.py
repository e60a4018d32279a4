"""gradguard: static and runtime detection of unsafe PyTorch in-place operations."""

__version__ = "0.1.0"
