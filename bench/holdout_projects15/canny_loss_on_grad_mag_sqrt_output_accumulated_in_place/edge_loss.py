import torch.nn as nn
import torch.nn.functional as F

from canny import OUTPUT_NAMES
from net_canny import Net


class EdgeLoss(nn.Module):
    """L1 distance between one Canny output of the prediction and of the target."""

    def __init__(self, key="grad_mag", threshold=3.0):
        super().__init__()
        self.index = OUTPUT_NAMES.index(key)
        self.edge_net = Net(threshold=threshold)
        for p in self.edge_net.parameters():
            p.requires_grad_(False)

    def forward(self, pred, target):
        pred_edges = self.edge_net(pred)[self.index]
        target_edges = self.edge_net(target)[self.index].detach()
        return F.l1_loss(pred_edges, target_edges)
