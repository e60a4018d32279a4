# case: init helper zeroes the padding row of an embedding with `weight[pad] = 0` outside no_grad
import torch

from text.model import Tagger

torch.manual_seed(0)
tagger = Tagger(vocab=50, dim=8, pad_idx=0)
print(tagger(torch.tensor([[3, 4, 0]])).shape)
