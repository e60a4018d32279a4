# case: GIN-style conv with aggr='max': the aggregated messages come from torch.scatter_reduce(amax), whose backward needs its own output, and the conv then does `out += (1 + self.eps) * x_r` in place (the pattern PyG replaced by out-of-place ops)
# source: https://github.com/pyg-team/pytorch_geometric/pull/5353
import torch
import torch.nn as nn
import torch.nn.functional as F


def scatter(src, index, dim=0, dim_size=None, reduce='sum'):
    dim_size = int(index.max()) + 1 if dim_size is None else dim_size
    size = list(src.size())
    size[dim] = dim_size
    index = index.view(-1, 1).expand_as(src)
    out = src.new_zeros(size)
    if reduce == 'sum':
        return out.scatter_add_(dim, index, src)
    return out.scatter_reduce(dim, index, src, reduce='amax', include_self=False)  # saver


class GINConv(nn.Module):
    def __init__(self, nn_, eps=0., aggr='add'):
        super().__init__()
        self.nn = nn_
        self.eps = eps
        self.aggr = aggr

    def propagate(self, edge_index, x):
        src, dst = edge_index
        msg = x.index_select(0, src)
        return scatter(msg, dst, dim=0, dim_size=x.size(0), reduce='sum' if self.aggr == 'add' else 'max')

    def forward(self, x, edge_index):
        out = self.propagate(edge_index, x=x)
        x_r = x
        out += (1 + self.eps) * x_r  # expect: GG002
        return self.nn(out)


torch.manual_seed(0)
num_nodes, in_dim = 5, 4
x = torch.randn(num_nodes, in_dim, requires_grad=True)
edge_index = torch.tensor([[0, 1, 2, 3, 4, 0, 2],
                           [1, 0, 3, 2, 0, 4, 4]])
conv = GINConv(nn.Sequential(nn.Linear(in_dim, 8), nn.ReLU(), nn.Linear(8, 2)), aggr='max')
out = conv(x, edge_index)
loss = F.cross_entropy(out, torch.tensor([0, 1, 0, 1, 0]))
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
