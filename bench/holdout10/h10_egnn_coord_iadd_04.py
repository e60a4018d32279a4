# source: https://github.com/vgsatorras/egnn/issues/3
# case: a workaround short of the fix: the in-place `coord += agg` is kept but the model is given a clone of the position leaf (`positions.clone()`), so the in-place update modifies a non-leaf copy that no backward node saved, and gradients still reach the leaf for the forces
import torch
from torch import nn

torch.manual_seed(0)


def unsorted_segment_sum(data, segment_ids, num_segments):
    result = data.new_zeros((num_segments, data.size(1)))
    result.scatter_add_(0, segment_ids.unsqueeze(-1).expand(-1, data.size(1)), data)
    return result


def unsorted_segment_mean(data, segment_ids, num_segments):
    index = segment_ids.unsqueeze(-1).expand(-1, data.size(1))
    result = data.new_zeros((num_segments, data.size(1)))
    count = data.new_zeros((num_segments, data.size(1)))
    result.scatter_add_(0, index, data)
    count.scatter_add_(0, index, torch.ones_like(data))
    return result / count.clamp(min=1)


class E_GCL(nn.Module):
    def __init__(self, nf, hidden_nf, act_fn=nn.SiLU()):
        super().__init__()
        self.edge_mlp = nn.Sequential(nn.Linear(2 * nf + 1, hidden_nf), act_fn, nn.Linear(hidden_nf, hidden_nf), act_fn)
        self.node_mlp = nn.Sequential(nn.Linear(hidden_nf + nf, hidden_nf), act_fn, nn.Linear(hidden_nf, nf))
        layer = nn.Linear(hidden_nf, 1, bias=False)
        nn.init.xavier_uniform_(layer.weight, gain=0.001)
        self.coord_mlp = nn.Sequential(nn.Linear(hidden_nf, hidden_nf), act_fn, layer)

    def coord2radial(self, edge_index, coord):
        row, col = edge_index
        coord_diff = coord[row] - coord[col]
        radial = torch.sum(coord_diff**2, 1).unsqueeze(1)
        return radial, coord_diff

    def coord_model(self, coord, edge_index, coord_diff, edge_feat):
        row, col = edge_index
        trans = coord_diff * self.coord_mlp(edge_feat)
        agg = unsorted_segment_mean(trans, row, num_segments=coord.size(0))
        coord += agg
        return coord

    def forward(self, h, edge_index, coord):
        row, col = edge_index
        radial, coord_diff = self.coord2radial(edge_index, coord)
        edge_feat = self.edge_mlp(torch.cat([h[row], h[col], radial], dim=1))
        coord = self.coord_model(coord, edge_index, coord_diff, edge_feat)
        agg = unsorted_segment_sum(edge_feat, row, num_segments=h.size(0))
        h = h + self.node_mlp(torch.cat([h, agg], dim=1))
        return h, coord


class EGNN(nn.Module):
    def __init__(self, in_node_nf, hidden_nf, n_layers=2):
        super().__init__()
        self.embedding_in = nn.Linear(in_node_nf, hidden_nf)
        self.layers = nn.ModuleList([E_GCL(hidden_nf, hidden_nf) for _ in range(n_layers)])
        self.energy_head = nn.Linear(hidden_nf, 1)

    def forward(self, h, x, edges):
        h = self.embedding_in(h)
        for layer in self.layers:
            h, x = layer(h, edges, x)
        return self.energy_head(h).sum(), x


def get_edges(n_nodes):
    rows, cols = [], []
    for i in range(n_nodes):
        for j in range(n_nodes):
            if i != j:
                rows.append(i)
                cols.append(j)
    return [torch.tensor(rows), torch.tensor(cols)]


n_nodes = 5
model = EGNN(in_node_nf=3, hidden_nf=16)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
edges = get_edges(n_nodes)
atom_types = torch.eye(3)[torch.tensor([0, 1, 1, 2, 2])]
ref_forces = torch.randn(n_nodes, 3)

for step in range(2):
    positions = torch.randn(n_nodes, 3, requires_grad=True)
    energy, _ = model(atom_types, positions.clone(), edges)
    forces = -torch.autograd.grad(energy, positions, create_graph=True)[0]
    loss = (forces - ref_forces).pow(2).mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    print(step, round(loss.item(), 5))
