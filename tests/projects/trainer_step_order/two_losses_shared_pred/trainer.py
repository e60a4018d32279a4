import torch
import torch.nn.functional as F

from model import Regressor


class Trainer:
    def __init__(self, in_dim: int, aux_weight: float = 0.1) -> None:
        self.model = Regressor(in_dim)
        self.opt = torch.optim.SGD(self.model.parameters(), lr=0.01, momentum=0.9)
        self.aux_weight = aux_weight

    def fit_batch(self, x: torch.Tensor, y: torch.Tensor) -> float:
        self.opt.zero_grad()
        pred = self.model(x)
        main = F.mse_loss(pred, y)
        main.backward(retain_graph=True)
        self.opt.step()  # expect: GG002
        aux = self.aux_weight * pred.abs().mean()
        aux.backward()  # raises: RuntimeError: modified by an inplace operation
        return main.item() + aux.item()
