# case: the padding-row init helper is decorated with @torch.no_grad()
import torch

from text.model import Tagger

torch.manual_seed(0)
tagger = Tagger(vocab=50, dim=8, pad_idx=0)
print(tagger(torch.tensor([[3, 4, 0]])).shape)
