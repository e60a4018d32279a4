from .deepfm import DeepFM
from .wdl import WDL
