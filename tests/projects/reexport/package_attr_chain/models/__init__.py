"""Model zoo."""
from . import unet

DEFAULT = "unet"

__all__ = ["DEFAULT", "unet"]
