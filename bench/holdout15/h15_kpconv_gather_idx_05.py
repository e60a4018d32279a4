# case: fix of the KPConv point-saliency script (issue's fix carried over to the indexing method): the gather helper still rewrites the shadow neighbours in place, but indexes with a copy of the index (x[idx.clone()]), so the index saved when the support points are indexed is not the tensor rewritten before the feature gather, and the saliency map is computed
# source: https://github.com/torch-points3d/torch-points3d/issues/552
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

CONFIG = {"gather_method": 0, "grid_size": 0.4, "num_classes": 4}


def gather(x, idx, method=2):
    """x[idx] for idx of shape [n_points, n_neighbours]; -1 marks a shadow neighbour (last row of x)."""
    idx[idx == -1] = x.shape[0] - 1
    if method == 0:
        return x[idx.clone()]
    for d, n in enumerate(idx.shape[1:]):
        x = x.unsqueeze(d + 1)
        size = list(x.shape)
        size[d + 1] = n
        x = x.expand(size)
    k = idx.dim()
    for d, c in enumerate(x.shape[k:]):
        idx = idx.unsqueeze(d + k)
        size = list(idx.shape)
        size[d + k] = c
        idx = idx.expand(size)
    return x.gather(0, idx)


class RadiusNeighbourFinder:
    def __init__(self, radius, max_num_neighbors):
        self.radius = radius
        self.k = max_num_neighbors

    @torch.no_grad()
    def __call__(self, pos, batch):
        dist = torch.cdist(pos, pos)
        dist[batch.unsqueeze(1) != batch.unsqueeze(0)] = float("inf")
        d, idx = dist.topk(self.k, dim=1, largest=False)
        idx[d > self.radius] = -1
        return idx


def kernel_point_init(n_kp, extent):
    angles = torch.arange(n_kp - 1, dtype=torch.float) * (2 * math.pi / (n_kp - 1))
    ring = torch.stack([angles.cos(), angles.sin(), torch.zeros_like(angles)], dim=1) * 0.66 * extent
    return torch.cat([torch.zeros(1, 3), ring], dim=0)


def kpconv_ops(query_points, support_points, neighbors_indices, features, K_points, K_values, extent):
    shadow = torch.ones_like(support_points[:1, :]) * 1e6
    support_points = torch.cat([support_points, shadow], dim=0)
    neighbors = gather(support_points, neighbors_indices, CONFIG["gather_method"])
    neighbors = neighbors - query_points.unsqueeze(1)
    differences = neighbors.unsqueeze(2) - K_points
    sq_distances = torch.sum(differences**2, dim=3)
    sigma = 0.3 * extent
    all_weights = torch.exp(-sq_distances / (2 * sigma**2 + 1e-9))
    all_weights = all_weights.transpose(2, 1)
    features = torch.cat([features, torch.zeros_like(features[:1, :])], dim=0)
    neighborhood_features = gather(features, neighbors_indices, CONFIG["gather_method"])
    weighted = torch.matmul(all_weights, neighborhood_features)
    weighted = weighted.permute(1, 0, 2)
    return torch.sum(torch.matmul(weighted, K_values), dim=0)


class KPConvLayer(nn.Module):
    def __init__(self, in_channels, out_channels, point_influence, n_kernel_points=7):
        super().__init__()
        self.extent = point_influence
        self.register_buffer("K_points", kernel_point_init(n_kernel_points, point_influence))
        self.weight = nn.Parameter(torch.empty(n_kernel_points, in_channels, out_channels))
        nn.init.xavier_normal_(self.weight)

    def forward(self, query_points, support_points, neighbors, x):
        return kpconv_ops(query_points, support_points, neighbors, x, self.K_points, self.weight, self.extent)


class SimpleBlock(nn.Module):
    """KPConv -> BatchNorm -> LeakyReLU, with its own radius search (partial dense format)."""

    def __init__(self, down_conv_nn, grid_size, sigma=1.0, max_num_neighbors=8):
        super().__init__()
        num_inputs, num_outputs = down_conv_nn
        self.neighbour_finder = RadiusNeighbourFinder(2.5 * grid_size, max_num_neighbors)
        self.kp_conv = KPConvLayer(num_inputs, num_outputs, point_influence=sigma * grid_size)
        self.bn = nn.BatchNorm1d(num_outputs, momentum=0.02)
        self.activation = nn.LeakyReLU(negative_slope=0.1)

    def forward(self, data):
        idx_neighboors = self.neighbour_finder(data["pos"], data["batch"])
        x = self.kp_conv(data["pos"], data["pos"], idx_neighboors, data["x"])
        x = self.activation(self.bn(x))
        return {"pos": data["pos"], "batch": data["batch"], "x": x}


class KPConvClassifier(nn.Module):
    def __init__(self, in_feat, num_classes, grid_size=0.4):
        super().__init__()
        self.blocks = nn.ModuleList(
            [SimpleBlock([in_feat, 16], grid_size), SimpleBlock([16, 32], grid_size)]
        )
        self.head = nn.Sequential(nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, num_classes))

    def forward(self, pos, batch, x):
        data = {"pos": pos, "batch": batch, "x": x}
        for block in self.blocks:
            data = block(data)
        num_graphs = int(batch.max()) + 1
        pooled = torch.stack([data["x"][batch == g].max(dim=0).values for g in range(num_graphs)])
        return self.head(pooled)


def make_batch(num_graphs=2, points_per_graph=24):
    pos = torch.rand(num_graphs * points_per_graph, 3) * 2.0
    batch = torch.arange(num_graphs).repeat_interleave(points_per_graph)
    labels = torch.randint(0, 4, (num_graphs,))
    return pos, batch, labels


classifier = KPConvClassifier(in_feat=1, num_classes=CONFIG["num_classes"], grid_size=CONFIG["grid_size"])
optimizer = torch.optim.Adam(classifier.parameters(), lr=1e-3)

for step in range(2):
    pos, batch, labels = make_batch()
    ones = torch.ones(pos.shape[0], 1)
    loss = F.cross_entropy(classifier(pos, batch, ones), labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()


def point_saliency(model, pos, batch, labels):
    model.eval()
    pos = pos.clone().requires_grad_(True)
    logits = model(pos, batch, torch.ones(pos.shape[0], 1))
    score = logits.gather(1, labels.unsqueeze(1)).sum()
    score.backward()
    return pos.grad.norm(dim=1)


pos, batch, labels = make_batch()
saliency = point_saliency(classifier, pos, batch, labels)
print(saliency.shape)
