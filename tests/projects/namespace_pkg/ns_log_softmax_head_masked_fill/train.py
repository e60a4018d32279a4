# case: nets/ namespace package head ends in log_softmax; train.py masks it out of place
import torch

from nets.heads import TokenHead


def masked_nll(head: TokenHead, h: torch.Tensor, targets: torch.Tensor, banned: torch.Tensor) -> torch.Tensor:
    logp = head(h)
    logp = logp.masked_fill(banned, -1e4)
    return torch.nn.functional.nll_loss(logp, targets)


torch.manual_seed(0)
head = TokenHead(8, 5)
banned = torch.zeros(3, 5, dtype=torch.bool)
banned[:, 4] = True
loss = masked_nll(head, torch.randn(3, 8), torch.tensor([0, 1, 2]), banned)
loss.backward()
