import torch

from graph import Graph


def CoraLikeDataset(num_nodes=12, n_features=6, n_classes=3, seed=0):
    g = torch.Generator().manual_seed(seed)
    src = torch.randint(0, num_nodes, (24,), generator=g)
    dst = torch.randint(0, num_nodes, (24,), generator=g)
    graph = Graph(src, dst, num_nodes)
    graph.ndata["feat"] = torch.randn(num_nodes, n_features, generator=g)
    graph.ndata["label"] = torch.randint(0, n_classes, (num_nodes,), generator=g)
    mask = torch.zeros(num_nodes, dtype=torch.bool)
    mask[: num_nodes // 2] = True
    graph.ndata["train_mask"] = mask
    graph.ndata["val_mask"] = ~mask
    return [graph], n_classes
