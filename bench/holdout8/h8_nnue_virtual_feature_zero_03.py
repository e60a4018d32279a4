# source: https://github.com/official-stockfish/nnue-pytorch/pull/75
# case: look-alike: the zeroing works on `self.input.weight.clone()` (a non-leaf copy) with grad mode on, and the edited copy is re-wrapped as a new Parameter; nothing that autograd saved is modified, so the model builds and trains
import torch
from torch import nn

torch.manual_seed(0)


class FeatureSet:
    def __init__(self, num_real_features, factors):
        self.num_real_features = num_real_features
        self.factors = factors
        self.num_features = num_real_features + sum(factors.values())

    def get_virtual_feature_ranges(self):
        ranges = []
        offset = self.num_real_features
        for _, size in self.factors.items():
            ranges.append((offset, offset + size))
            offset += size
        return ranges


class NNUE(nn.Module):
    def __init__(self, feature_set, l1=8, l2=4):
        super().__init__()
        self.feature_set = feature_set
        self.input = nn.Linear(feature_set.num_features, l1)
        self.l1 = nn.Linear(2 * l1, l2)
        self.output = nn.Linear(l2, 1)
        self._zero_virtual_feature_weights()

    def _zero_virtual_feature_weights(self):
        weights = self.input.weight.clone()
        for a, b in self.feature_set.get_virtual_feature_ranges():
            weights[:, a:b] = 0.0
        self.input.weight = nn.Parameter(weights.detach())

    def forward(self, us, them, white, black):
        w = self.input(white)
        b = self.input(black)
        accumulator = (us * torch.cat([w, b], dim=1)) + (them * torch.cat([b, w], dim=1))
        l1_x = torch.clamp(accumulator, 0.0, 1.0)
        l2_x = torch.clamp(self.l1(l1_x), 0.0, 1.0)
        return self.output(l2_x)


feature_set = FeatureSet(num_real_features=12, factors={"P": 4, "K": 2})
model = NNUE(feature_set)
opt = torch.optim.Adadelta(model.parameters(), lr=1.0)
white = torch.rand(3, feature_set.num_features)
black = torch.rand(3, feature_set.num_features)
us = torch.ones(3, 1)
them = 1.0 - us
target = torch.rand(3, 1)
loss = ((torch.sigmoid(model(us, them, white, black)) - target) ** 2).mean()
loss.backward()
opt.step()
