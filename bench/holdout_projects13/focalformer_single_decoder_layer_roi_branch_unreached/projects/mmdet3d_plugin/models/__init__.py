from .dense_heads import *
from .detectors import *
