"""A dense stand-in for the DGL graph batch GEAM uses: node data, sum message passing, sum pooling."""
import torch


class Graph:
    def __init__(self, adj: torch.Tensor, x: torch.Tensor):
        self.adj = adj  # n x n, 0/1
        self.ndata = {"x": x}

    def number_of_nodes(self):
        return self.adj.shape[0]


def batch(graphs):
    """Block-diagonal batch of graphs; remembers which node belongs to which graph."""
    adj = torch.block_diag(*[g.adj for g in graphs])
    x = torch.cat([g.ndata["x"] for g in graphs], dim=0)
    out = Graph(adj, x)
    out.graph_ids = torch.cat([torch.full((g.number_of_nodes(),), i) for i, g in enumerate(graphs)])
    out.batch_size = len(graphs)
    for key in graphs[0].ndata:
        if key != "x":
            out.ndata[key] = torch.cat([g.ndata[key] for g in graphs])
    return out


def update_all_sum(g):
    """copy_src('x') -> sum reducer: every node receives the sum of its neighbours' features."""
    g.ndata["x"] = g.adj @ g.ndata["x"]


def sum_pooling(g, feat):
    out = torch.zeros(g.batch_size, feat.shape[1]).type_as(feat)
    return out.index_add(0, g.graph_ids, feat)
