from . import layers, models

__version__ = "0.2.3"
