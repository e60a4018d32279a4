# case: a counted loop builds level 0 as a plain conv and `continue`s; only the other levels end in a ReLU; forward adds them into level 0's conv output in place, which no backward node saved
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
                self.towers.append(tower)
                continue
            tower.add_module("conv" + str(i), nn.Conv2d(4, 4, 1))
            tower.add_module("act" + str(i), nn.ReLU())
            self.towers.append(tower)

    def forward(self, features):
        total = self.towers[0](features[0])
        for i in range(1, self.levels):
            total += self.towers[i](features[i])
        return total


features = [torch.randn(1, 4, 6, 6) for _ in range(3)]
LevelSum()(features).sum().backward()
