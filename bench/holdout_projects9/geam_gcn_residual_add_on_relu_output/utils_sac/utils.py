import random

import numpy as np
import torch


def set_seed(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def get_vocab(vocab_path=None):
    """Stand-in for the fragment vocabulary file: (smiles, attachment count) pairs."""
    return [("C*", 1), ("c1ccccc1*", 1), ("N(*)*", 2), ("O=C*", 1)]


def ecfp(frag_index, n_bits=16):
    """Deterministic fake fingerprint for a vocabulary fragment."""
    gen = torch.Generator().manual_seed(1000 + frag_index)
    return (torch.rand(n_bits, generator=gen) > 0.5).float()
