# case: GFDN fraud-detection GNN forward: each GNN_NET layer returns F.relu(conv(x)), and the autoencoder features are injected in place, `x[edge_u_id] = x[edge_u_id] + h[i]` (and with h[-1] and z), writing into ReLU outputs that ReluBackward saved; train() also fills fresh zero buffers by mask, which is harmless
# source: https://github.com/yujianke100/GFDN/issues/4
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn import Linear
from torch.nn.parameter import Parameter


class SAGEConv(nn.Module):
    """Dense stand-in for torch_geometric.nn.SAGEConv (mean aggregation)."""

    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.lin_l = Linear(in_channels, out_channels)
        self.lin_r = Linear(in_channels, out_channels, bias=False)

    def forward(self, x, edge_index):
        n = x.size(0)
        adj = torch.zeros(n, n)
        adj[edge_index[1], edge_index[0]] = 1.0
        deg = adj.sum(1, keepdim=True).clamp(min=1)
        return self.lin_l((adj @ x) / deg) + self.lin_r(x)


class SAGE_NET(torch.nn.Module):
    def __init__(self, in_feature, out_feature):
        super(SAGE_NET, self).__init__()
        self.gcn = SAGEConv(in_feature, out_feature)

    def forward(self, x, edge_index, active=True):
        x = self.gcn(x, edge_index)
        if active:
            x = F.relu(x)
        return x


class AE(nn.Module):
    def __init__(self, n_enc, hidden, n_input, n_z):
        super(AE, self).__init__()
        self.enc_in = Linear(n_input, n_enc)
        self.hidden_enc = nn.ModuleList([Linear(n_enc, n_enc) for i in range(hidden)])
        self.z_layer = Linear(n_enc, n_z)
        self.dec_in = Linear(n_z, n_enc)
        self.hidden_dec = nn.ModuleList([Linear(n_enc, n_enc) for i in range(hidden)])
        self.x_bar_layer = Linear(n_enc, n_input)

    def forward(self, x):
        enc_result = []
        enc_result.append(F.relu(self.enc_in(x)))
        for layer in self.hidden_enc:
            enc_result.append(F.relu(layer(enc_result[-1])))
        z = self.z_layer(enc_result[-1])
        dec = F.relu(self.dec_in(z))
        for layer in self.hidden_dec:
            dec = F.relu(layer(dec))
        return self.x_bar_layer(dec), enc_result, z


class TL(nn.Module):
    def __init__(self, n_clusters):
        super(TL, self).__init__()
        self.to_label1 = Linear(n_clusters, n_clusters // 2)
        self.to_label2 = Linear(n_clusters // 2, 2)

    def forward(self, x):
        x = F.relu(self.to_label1(x))
        return F.softmax(self.to_label2(x), dim=1)


class GNN(nn.Module):
    def __init__(self, n_input, n_clusters, n_enc, hidden, n_z):
        super(GNN, self).__init__()
        GNN_NET = SAGE_NET
        self.ae = AE(n_enc, hidden, n_input, n_z)
        self.tl = TL(n_clusters=n_clusters)
        self.gnn_in = GNN_NET(n_input, n_enc)
        self.hidden_gnn = nn.ModuleList([GNN_NET(n_enc, n_enc) for i in range(hidden)])
        self.gnn_nz = GNN_NET(n_enc, n_z)
        self.gnn_cluster = GNN_NET(n_z, n_clusters)
        self.cluster_layer = Parameter(torch.Tensor(n_clusters, n_z))
        torch.nn.init.xavier_normal_(self.cluster_layer.data)
        self.v = 1

    def forward(self, x, edge_u_x, edge_u_id, edge_index, train=True):
        q = 0
        x_bar, h, z = self.ae(edge_u_x)
        x = self.gnn_in(x, edge_index)
        for i, layer in enumerate(self.hidden_gnn):
            x[edge_u_id] = x[edge_u_id] + h[i]  # expect: GG002
            x = layer(x, edge_index)
        x[edge_u_id] = x[edge_u_id] + h[-1]  # expect: GG002
        x = self.gnn_nz(x, edge_index)
        x[edge_u_id] = x[edge_u_id] + z  # expect: GG002
        x = self.gnn_cluster(x, edge_index, active=False)
        x = torch.sigmoid(x[edge_u_id])
        if train:
            q = 1.0 / (1.0 + torch.sum(torch.pow(z.unsqueeze(1) - self.cluster_layer, 2), 2) / self.v)
            q = q.pow((self.v + 1.0) / 2.0)
            q = (q.t() / torch.sum(q, 1)).t()
        return x, x_bar, q


def target_distribution(q):
    weight = q ** 2 / q.sum(0)
    return (weight.t() / weight.sum(1)).t()


torch.manual_seed(0)
n_nodes, n_input = 8, 6
model = GNN(n_input=n_input, n_clusters=4, n_enc=8, hidden=1, n_z=4)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
edge_index = torch.tensor([[0, 1, 2, 3, 4, 5, 6, 7, 0, 2], [4, 5, 6, 7, 0, 1, 2, 3, 5, 7]])
u_id_mask = torch.arange(n_nodes) < 4
edge_u_id = torch.nonzero(u_id_mask).squeeze(1)
u_l_mask = torch.tensor([True, False, True, True])
u_l_y = torch.tensor([0, 1, 1])
for epoch in range(2):
    model.train()
    optimizer.zero_grad()
    x = torch.zeros([n_nodes, n_input])
    x[u_id_mask] = torch.randn(4, n_input)
    x[~u_id_mask] = torch.randn(4, n_input)
    edge_u_x = x[edge_u_id]
    x, x_bar, q = model(x, edge_u_x, edge_u_id, edge_index)
    p = target_distribution(q)
    pre_l = torch.zeros([n_nodes, 2])
    tmp_pre_l = torch.zeros([len(x), 2])
    loss_pre_l = model.tl(x[u_l_mask])
    tmp_pre_l[u_l_mask] = loss_pre_l
    pre_l[edge_u_id] = tmp_pre_l
    label_loss = F.nll_loss(torch.log(loss_pre_l + 1e-8), u_l_y)
    ae_loss = F.mse_loss(x_bar, edge_u_x)
    kl_loss = F.kl_div(q.log(), p, reduction="batchmean")
    loss = label_loss + ae_loss + 0.1 * kl_loss + pre_l.sum() * 0.0
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()
