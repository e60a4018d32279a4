# case: a counted loop builds level 0's tower (ending in a ReLU, which saves its output) and `continue`s; the other levels get plain convs after the branch; forward adds the other levels into level 0's output in place
import torch
import torch.nn as nn


class LevelSum(nn.Module):
    def __init__(self, levels=3):
        super().__init__()
        self.levels = levels
        self.towers = nn.ModuleList()
        for i in range(levels):
            tower = nn.Sequential()
            if i == 0:
                tower.add_module("conv" + str(i), nn.Conv2d(4, 4, 3, padding=1))
                tower.add_module("act" + str(i), nn.ReLU())
                self.towers.append(tower)
                continue
            tower.add_module("conv" + str(i), nn.Conv2d(4, 4, 1))
            self.towers.append(tower)

    def forward(self, features):
        total = self.towers[0](features[0])  # saver
        for i in range(1, self.levels):
            total += self.towers[i](features[i])  # expect: GG002
        return total


features = [torch.randn(1, 4, 6, 6) for _ in range(3)]
LevelSum()(features).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
