# case: STGCN STConv block (pytorch_geometric_temporal before the fix): the graph convolution is applied per (batch, time) slice and written back into the same tensor, `T[b][t] = self._graph_conv(T[b][t], ...)`; each ChebConv saved its input slice T[b][t] (and T is the ReLU output of the temporal conv)
# source: https://github.com/benedekrozemberczki/pytorch_geometric_temporal/issues/57
import torch
import torch.nn as nn
import torch.nn.functional as F


class ChebConv(nn.Module):
    """Dense stand-in for torch_geometric.nn.ChebConv (normalization='sym', lambda_max=2)."""

    def __init__(self, in_channels, out_channels, K, normalization="sym", bias=True):
        super().__init__()
        self.lins = nn.ModuleList([nn.Linear(in_channels, out_channels, bias=False) for _ in range(K)])
        self.bias = nn.Parameter(torch.zeros(out_channels)) if bias else None

    def __norm__(self, edge_index, num_nodes, edge_weight):
        adj = torch.zeros(num_nodes, num_nodes)
        w = edge_weight if edge_weight is not None else torch.ones(edge_index.size(1))
        adj[edge_index[0], edge_index[1]] = w
        deg = adj.sum(1)
        dinv = deg.pow(-0.5)
        dinv[torch.isinf(dinv)] = 0
        # scaled Laplacian 2L/lambda_max - I = -D^-1/2 A D^-1/2
        return -(dinv[:, None] * adj * dinv[None, :])

    def forward(self, x, edge_index, edge_weight=None):
        lap = self.__norm__(edge_index, x.size(0), edge_weight)
        Tx_0 = x
        out = self.lins[0](Tx_0)
        if len(self.lins) > 1:
            Tx_1 = lap @ x
            out = out + self.lins[1](Tx_1)
        for lin in self.lins[2:]:
            Tx_2 = 2.0 * (lap @ Tx_1) - Tx_0
            out = out + lin(Tx_2)
            Tx_0, Tx_1 = Tx_1, Tx_2
        if self.bias is not None:
            out = out + self.bias
        return out


class TemporalConv(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size=3):
        super().__init__()
        self.conv_1 = nn.Conv2d(in_channels, out_channels, (1, kernel_size))
        self.conv_2 = nn.Conv2d(in_channels, out_channels, (1, kernel_size))
        self.conv_3 = nn.Conv2d(in_channels, out_channels, (1, kernel_size))

    def forward(self, X):
        X = X.permute(0, 3, 2, 1)
        P = self.conv_1(X)
        Q = torch.sigmoid(self.conv_2(X))
        PQ = P + Q
        H = F.relu(PQ + self.conv_3(X))
        H = H.permute(0, 3, 2, 1)
        return H


class STConv(nn.Module):
    def __init__(self, num_nodes, in_channels, hidden_channels, out_channels, kernel_size, K, normalization="sym", bias=True):
        super().__init__()
        self._temporal_conv1 = TemporalConv(in_channels, hidden_channels, kernel_size)
        self._graph_conv = ChebConv(hidden_channels, hidden_channels, K, normalization, bias)
        self._temporal_conv2 = TemporalConv(hidden_channels, out_channels, kernel_size)
        self._batch_norm = nn.BatchNorm2d(num_nodes)

    def forward(self, X, edge_index, edge_weight=None):
        T = self._temporal_conv1(X)
        for b in range(T.size(0)):
            for t in range(T.size(1)):
                T[b][t] = self._graph_conv(T[b][t], edge_index, edge_weight)  # expect: GG002
        T = F.relu(T)
        T = self._temporal_conv2(T)
        T = T.permute(0, 2, 1, 3)
        T = self._batch_norm(T)
        T = T.permute(0, 2, 1, 3)
        return T


class STGCN(nn.Module):
    def __init__(self, num_nodes, in_channels, hidden, out_steps):
        super().__init__()
        self.recurrent1 = STConv(num_nodes, in_channels, hidden, hidden, kernel_size=2, K=2)
        self.recurrent2 = STConv(num_nodes, hidden, hidden, hidden, kernel_size=2, K=2)
        self.linear = nn.Linear(hidden, out_steps)

    def forward(self, x, edge_indices, edge_weights):
        h1 = self.recurrent1(x, edge_indices, edge_weights)
        h2 = self.recurrent2(h1, edge_indices, edge_weights)
        return self.linear(F.relu(h2[:, -1]))


torch.manual_seed(0)
num_nodes = 5
edge_index = torch.tensor([[0, 1, 1, 2, 2, 3, 3, 4, 4, 0], [1, 0, 2, 1, 3, 2, 4, 3, 0, 4]])
edge_weight = torch.rand(edge_index.size(1))
model = STGCN(num_nodes, in_channels=2, hidden=4, out_steps=1)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
x = torch.randn(2, 6, num_nodes, 2)  # (batch, time steps, nodes, features): traffic speeds
y = torch.randn(2, num_nodes, 1)
loss = F.mse_loss(model(x, edge_index, edge_weight), y)
optimizer.zero_grad()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
optimizer.step()
