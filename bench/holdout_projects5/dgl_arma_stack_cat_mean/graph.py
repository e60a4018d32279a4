"""Stand-in for the DGL graph used by the example: a small undirected graph with copy_u/sum message passing."""

import torch


class Graph:
    def __init__(self, src, dst, num_nodes):
        self.num_nodes = num_nodes
        self.src = torch.cat([src, dst])
        self.dst = torch.cat([dst, src])
        self.ndata = {}

    def in_degrees(self):
        return torch.bincount(self.dst, minlength=self.num_nodes)

    def update_all_copy_sum(self, key):
        h = self.ndata[key]
        out = torch.zeros_like(h).index_add(0, self.dst, h[self.src])
        self.ndata[key] = out
