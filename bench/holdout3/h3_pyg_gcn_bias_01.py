# case: the GCNConv of PyG's "Creating Message Passing Networks" tutorial (before the doc fix): `deg_inv_sqrt[deg_inv_sqrt == float('inf')] = 0` and `out += self.bias`; the degree vector needs no grad and `out` is a fresh scatter-add result nothing saved, so two-layer GCN training runs cleanly
# source: https://github.com/pyg-team/pytorch_geometric/issues/8953
import torch
import torch.nn.functional as F
from torch.nn import Linear, Parameter


def add_self_loops(edge_index, num_nodes):
    loop = torch.arange(num_nodes).repeat(2, 1)
    return torch.cat([edge_index, loop], dim=1), None


def degree(index, num_nodes, dtype):
    out = torch.zeros(num_nodes, dtype=dtype)
    return out.scatter_add_(0, index, torch.ones(index.numel(), dtype=dtype))


class MessagePassing(torch.nn.Module):
    """Minimal stand-in for torch_geometric.nn.MessagePassing with aggr='add'."""

    def __init__(self, aggr="add"):
        super().__init__()
        self.aggr = aggr

    def propagate(self, edge_index, x, norm):
        x_j = x.index_select(0, edge_index[0])
        msg = self.message(x_j, norm)
        out = torch.zeros(x.size(0), msg.size(1), dtype=msg.dtype)
        return out.index_add(0, edge_index[1], msg)


class GCNConv(MessagePassing):
    def __init__(self, in_channels, out_channels):
        super().__init__(aggr="add")
        self.lin = Linear(in_channels, out_channels, bias=False)
        self.bias = Parameter(torch.empty(out_channels))
        self.reset_parameters()

    def reset_parameters(self):
        self.lin.reset_parameters()
        self.bias.data.zero_()

    def forward(self, x, edge_index):
        # Step 1: Add self-loops to the adjacency matrix.
        edge_index, _ = add_self_loops(edge_index, num_nodes=x.size(0))
        # Step 2: Linearly transform node feature matrix.
        x = self.lin(x)
        # Step 3: Compute normalization.
        row, col = edge_index
        deg = degree(col, x.size(0), dtype=x.dtype)
        deg_inv_sqrt = deg.pow(-0.5)
        deg_inv_sqrt[deg_inv_sqrt == float("inf")] = 0
        norm = deg_inv_sqrt[row] * deg_inv_sqrt[col]
        # Step 4-5: Start propagating messages.
        out = self.propagate(edge_index, x=x, norm=norm)
        # Step 6: Apply a final bias vector.
        out += self.bias
        return out

    def message(self, x_j, norm):
        return norm.view(-1, 1) * x_j


class GCN(torch.nn.Module):
    def __init__(self, in_channels, hidden, num_classes):
        super().__init__()
        self.conv1 = GCNConv(in_channels, hidden)
        self.conv2 = GCNConv(hidden, num_classes)

    def forward(self, x, edge_index):
        x = F.relu(self.conv1(x, edge_index))
        x = F.dropout(x, p=0.5, training=self.training)
        return self.conv2(x, edge_index)


torch.manual_seed(0)
edge_index = torch.tensor([[0, 1, 1, 2, 3, 4], [1, 0, 2, 1, 4, 3]])
x = torch.randn(6, 3)  # node 5 only has its self-loop
y = torch.tensor([0, 1, 0, 1, 0, 1])
model = GCN(3, 8, 2)
optimizer = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=5e-4)
for epoch in range(2):
    optimizer.zero_grad()
    out = model(x, edge_index)
    loss = F.cross_entropy(out, y)
    loss.backward()
    optimizer.step()
