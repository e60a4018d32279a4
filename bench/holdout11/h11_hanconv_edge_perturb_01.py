# case: HAN-style heterogeneous attention (node-level attention per metapath with scatter_add_, then semantic attention) trained with two graph views; the second view is made by rewiring metapath edges in place, which changes the edge index that the first view's scatter_add_ saved (error in ScatterAddBackward0)
# source: https://github.com/pyg-team/pytorch_geometric/issues/7283
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def segment_softmax(score, index, num_nodes):
    smax = torch.full((num_nodes,), -1e9).scatter_reduce(0, index, score.detach(), "amax")
    e = (score - smax[index]).exp()
    denom = torch.zeros(num_nodes).scatter_add_(0, index, e)
    return e / (denom[index] + 1e-16)


class MetapathAttention(nn.Module):
    def __init__(self, in_dim, out_dim):
        super().__init__()
        self.lin = nn.Linear(in_dim, out_dim, bias=False)
        self.att_src = nn.Parameter(torch.randn(out_dim) * 0.1)
        self.att_dst = nn.Parameter(torch.randn(out_dim) * 0.1)

    def forward(self, x, edge_index):
        h = self.lin(x)
        src, dst = edge_index[0], edge_index[1]
        alpha = F.leaky_relu((h * self.att_src).sum(-1)[src] + (h * self.att_dst).sum(-1)[dst], 0.2)
        alpha = segment_softmax(alpha, dst, x.size(0))
        msg = h[src] * alpha.unsqueeze(-1)
        index = dst.view(-1, 1).expand_as(msg)
        out = torch.zeros_like(h).scatter_add_(0, index, msg)  # saver
        return F.elu(out)


class HANLayer(nn.Module):
    def __init__(self, metapaths, in_dim, out_dim, sem_dim=16):
        super().__init__()
        self.metapaths = metapaths
        self.node_att = nn.ModuleDict({mp: MetapathAttention(in_dim, out_dim) for mp in metapaths})
        self.semantic = nn.Sequential(nn.Linear(out_dim, sem_dim), nn.Tanh(), nn.Linear(sem_dim, 1, bias=False))

    def forward(self, x, edge_index_dict):
        zs = torch.stack([self.node_att[mp](x, edge_index_dict[mp]) for mp in self.metapaths], dim=1)
        beta = torch.softmax(self.semantic(zs).mean(0), dim=0)
        return (beta.unsqueeze(0) * zs).sum(1)


def rewire_(edge_index, num_nodes, p=0.2):
    swap = torch.rand(edge_index.size(1)) < p
    edge_index[1, swap] = torch.randint(0, num_nodes, (int(swap.sum()),))  # expect: GG002
    return edge_index


num_papers, feat_dim, num_classes = 30, 12, 3
x = torch.randn(num_papers, feat_dim)
y = torch.randint(0, num_classes, (num_papers,))
edge_index_dict = {
    "PAP": torch.randint(0, num_papers, (2, 90)),
    "PSP": torch.randint(0, num_papers, (2, 120)),
}
han = HANLayer(list(edge_index_dict), feat_dim, 16)
head = nn.Linear(16, num_classes)
proj = nn.Sequential(nn.Linear(16, 16), nn.ELU(), nn.Linear(16, 16))
optimizer = torch.optim.Adam([*han.parameters(), *head.parameters(), *proj.parameters()], lr=5e-3)

for epoch in range(3):
    optimizer.zero_grad()
    z1 = han(x, edge_index_dict)
    view2 = {mp: rewire_(ei, num_papers) for mp, ei in edge_index_dict.items()}
    z2 = han(x, view2)
    p1, p2 = F.normalize(proj(z1), dim=-1), F.normalize(proj(z2), dim=-1)
    contrast = F.cross_entropy(p1 @ p2.t() / 0.5, torch.arange(num_papers))
    loss = F.cross_entropy(head(z1), y) + 0.5 * contrast
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()
print("trained")
