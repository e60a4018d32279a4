# case: a metapath GNN aggregates messages with `zeros_like(h).scatter_add_(0, index, msg)` where index is a view of the edge-index tensor looked up per metapath in a dict; scatter_add_ keeps that index for the backward of msg, and an edge-rewiring augmentation writes the same edge tensor in place before the backward
import torch
import torch.nn as nn

torch.manual_seed(0)


class MetapathConv(nn.Module):
    def __init__(self, dim, metapaths):
        super().__init__()
        self.metapaths = metapaths
        self.lins = nn.ModuleDict({mp: nn.Linear(dim, dim) for mp in metapaths})

    def forward(self, h, edge_index_dict):
        out = h
        for mp in self.metapaths:
            edge_index = edge_index_dict[mp]
            msg = self.lins[mp](h[edge_index[0]])
            index = edge_index[1].view(-1, 1).expand_as(msg)
            out = out + torch.zeros_like(h).scatter_add_(0, index, msg)  # saver
        return out


num_nodes, dim = 6, 4
metapaths = ["paper_author_paper", "paper_venue_paper"]
edge_index_dict = {mp: torch.randint(0, num_nodes, (2, 10)) for mp in metapaths}
conv = MetapathConv(dim, metapaths)
x = torch.randn(num_nodes, dim)
loss = conv(x, edge_index_dict).pow(2).mean()

edge_index = edge_index_dict["paper_venue_paper"]
mask = torch.rand(edge_index.size(1)) < 0.5
edge_index[1, mask] = torch.randint(0, num_nodes, (int(mask.sum()),))  # expect: GG002
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(round(loss.item(), 4))
