from .cross_entropy import vocab_parallel_cross_entropy
from .utils import VocabUtility

__all__ = ["VocabUtility", "vocab_parallel_cross_entropy"]
