# case: GCN layer with residual `out += feature` right after out = F.relu(out); the maintainers fixed it to out = out + feature (the user's message named a TBackward tensor; torch 2.13 names the Relu output)
# source: https://github.com/Veason-silverbullet/NNR/issues/3
import torch
import torch.nn as nn
import torch.nn.functional as F


class GCNLayer(nn.Module):
    def __init__(self, in_dim, out_dim, residual=False):
        super(GCNLayer, self).__init__()
        self.residual = residual
        self.W = nn.Linear(in_dim, out_dim, bias=True)

    def forward(self, feature, graph):
        out = self.W(torch.bmm(graph, feature))  # [batch_size, node_num, feature_num]
        out = F.relu(out)  # saver
        if self.residual:
            out += feature  # inplace operation  # expect: GG002
        return out


layer = GCNLayer(6, 6, residual=True)
feature = torch.randn(2, 4, 6)
graph = torch.rand(2, 4, 4)
loss = layer(feature, graph).pow(2).mean()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
