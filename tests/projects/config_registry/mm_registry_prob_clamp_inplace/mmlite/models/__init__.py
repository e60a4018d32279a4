from .backbones import *  # noqa: F401,F403
from .builder import BACKBONES, CLASSIFIERS, HEADS, NECKS, build_classifier
from .classifier import ImageClassifier
from .heads import *  # noqa: F401,F403
from .necks import *  # noqa: F401,F403

__all__ = ["BACKBONES", "CLASSIFIERS", "HEADS", "NECKS", "ImageClassifier", "build_classifier"]
