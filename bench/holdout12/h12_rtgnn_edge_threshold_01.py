# case: RTGNN-style robust training of a GNN under label noise: an edge estimator (GCN + inner products) scores observed and candidate edges, relu's the scores and zeroes the weak ones in place (estimated_weights[estimated_weights < tau] = 0) before the dual-GCN predictor uses the kept edges as weights; relu saved its output, so total_loss.backward() fails (ReluBackward0)
# source: https://github.com/GhostQ99/RobustTrainingGNN/issues/3
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class GCNConv(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.lin = nn.Linear(in_channels, out_channels, bias=False)
        self.bias = nn.Parameter(torch.zeros(out_channels))

    def forward(self, x, edge_index, edge_weight):
        n = x.size(0)
        loops = torch.arange(n)
        src = torch.cat([edge_index[0], loops])
        dst = torch.cat([edge_index[1], loops])
        w = torch.cat([edge_weight, torch.ones(n)])
        deg = torch.zeros(n).index_add(0, dst, w)
        norm = deg.pow(-0.5)[src] * w * deg.pow(-0.5)[dst]
        h = self.lin(x)
        out = torch.zeros(n, h.size(1)).index_add(0, dst, norm.view(-1, 1) * h[src])
        return out + self.bias


class GCN(nn.Module):
    def __init__(self, nfeat, nhid, nclass, dropout=0.0):
        super().__init__()
        self.gc1 = GCNConv(nfeat, nhid)
        self.gc2 = GCNConv(nhid, nclass)
        self.dropout = dropout

    def forward(self, x, edge_index, edge_weight):
        x = F.relu(self.gc1(x, edge_index, edge_weight))
        x = F.dropout(x, self.dropout, training=self.training)
        return self.gc2(x, edge_index, edge_weight)


class Dual_GCN(nn.Module):
    def __init__(self, nfeat, nhid, nclass):
        super().__init__()
        self.GCN1 = GCN(nfeat, nhid, nclass)
        self.GCN2 = GCN(nfeat, nhid, nclass)

    def forward(self, x, edge_index, edge_weight):
        return self.GCN1(x, edge_index, edge_weight), self.GCN2(x, edge_index, edge_weight)


def negative_sampling(edge_index, num_nodes, num_neg_samples):
    return torch.randint(0, num_nodes, (2, num_neg_samples))


class EstimateAdj(nn.Module):
    def __init__(self, nfea, edge_hidden, tau, n_neg):
        super().__init__()
        self.estimator = GCN(nfea, edge_hidden, edge_hidden)
        self.tau, self.n_neg = tau, n_neg

    def forward(self, edge_index, features):
        representations = self.estimator(features, edge_index, torch.ones(edge_index.shape[1]))
        representations = F.normalize(representations, dim=-1)
        return representations, self.reconstruct_loss(edge_index, representations)

    def get_estimated_weigths(self, edge_index, representations, origin_w=None):
        x0 = representations[edge_index[0]]
        x1 = representations[edge_index[1]]
        output = torch.sum(torch.mul(x0, x1), dim=1)
        estimated_weights = F.relu(output)  # saver
        if estimated_weights.shape[0] != 0:
            estimated_weights[estimated_weights < self.tau] = 0  # expect: GG002
            if origin_w is not None:
                estimated_weights = origin_w + estimated_weights * (1 - origin_w)
        return estimated_weights, None

    def reconstruct_loss(self, edge_index, representations):
        num_nodes = representations.shape[0]
        randn = negative_sampling(edge_index, num_nodes=num_nodes, num_neg_samples=self.n_neg * num_nodes)
        randn = randn[:, randn[0] < randn[1]]
        edge_index = edge_index[:, edge_index[0] < edge_index[1]]
        neg = torch.sum(representations[randn[0]] * representations[randn[1]], dim=1)
        pos = torch.sum(representations[edge_index[0]] * representations[edge_index[1]], dim=1)
        rec_loss = F.mse_loss(neg, torch.zeros_like(neg), reduction="sum") + F.mse_loss(pos, torch.ones_like(pos), reduction="sum")
        return rec_loss * num_nodes / (randn.shape[1] + edge_index.shape[1])


class RTGNN(nn.Module):
    def __init__(self, nfeat, nclass, pred_edge_index, tau=0.05, alpha=0.03, co_lambda=0.1):
        super().__init__()
        self.estimator = EstimateAdj(nfeat, 8, tau, n_neg=2)
        self.predictor = Dual_GCN(nfeat, 8, nclass)
        self.pred_edge_index = pred_edge_index
        self.alpha, self.co_lambda = alpha, co_lambda

    def intra_reg(self, log_pred, log_pred_1, edge_index, edge_weight):
        p0, p1 = F.softmax(log_pred, dim=1), F.softmax(log_pred_1, dim=1)
        kl = F.kl_div(F.log_softmax(log_pred[edge_index[0]], dim=1), p1[edge_index[1]].detach(), reduction="none").sum(1)
        kl = kl + F.kl_div(F.log_softmax(log_pred_1[edge_index[0]], dim=1), p0[edge_index[1]].detach(), reduction="none").sum(1)
        return (kl * edge_weight).mean()

    def train_step(self, optimizer, features, edge_index, labels, idx_train):
        self.predictor.train()
        optimizer.zero_grad()
        representations, rec_loss = self.estimator(edge_index, features)
        pred_edge_index = torch.cat([edge_index, self.pred_edge_index], dim=1)
        origin_w = torch.cat([torch.ones(edge_index.shape[1]), torch.zeros(self.pred_edge_index.shape[1])])
        predictor_weights, _ = self.estimator.get_estimated_weigths(pred_edge_index, representations, origin_w)
        edge_remain_idx = torch.where(predictor_weights != 0)[0].detach()
        predictor_weights = predictor_weights[edge_remain_idx]
        pred_edge_index = pred_edge_index[:, edge_remain_idx]
        log_pred, log_pred_1 = self.predictor(features, pred_edge_index, predictor_weights)
        loss_pred = F.cross_entropy(log_pred[idx_train], labels[idx_train]) + F.cross_entropy(log_pred_1[idx_train], labels[idx_train])
        neighbor_kl_loss = self.intra_reg(log_pred, log_pred_1, pred_edge_index, predictor_weights)
        total_loss = loss_pred + self.alpha * rec_loss + self.co_lambda * neighbor_kl_loss
        total_loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        optimizer.step()
        return total_loss.item()


num_nodes, nfeat, nclass = 12, 6, 3
features = torch.randn(num_nodes, nfeat)
ring = torch.arange(num_nodes)
edge_index = torch.cat([torch.stack([ring, (ring + 1) % num_nodes]), torch.stack([(ring + 1) % num_nodes, ring])], dim=1)
pred_edge_index = torch.randint(0, num_nodes, (2, 10))
labels = torch.randint(0, nclass, (num_nodes,))
idx_train = torch.arange(0, 8)
model = RTGNN(nfeat, nclass, pred_edge_index)
optimizer = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=5e-4)
for epoch in range(3):
    print(epoch, model.train_step(optimizer, features, edge_index, labels, idx_train))
