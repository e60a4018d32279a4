"""Base class for the graph-recovery models."""

import numpy as np


class GraphModel(object):
    """Base class for all graph causal inference models: `predict` dispatches on its arguments."""

    def __init__(self):
        super(GraphModel, self).__init__()

    def predict(self, df_data, graph=None, **kwargs):
        if graph is None:
            return self.create_graph_from_data(df_data, **kwargs)
        return self.orient_undirected_graph(df_data, graph, **kwargs)

    def orient_undirected_graph(self, data, umg, **kwargs):
        raise NotImplementedError

    def create_graph_from_data(self, data, **kwargs):
        raise NotImplementedError

    @staticmethod
    def to_edge_list(adjacency, names, threshold=0.5):
        rows, cols = np.nonzero(adjacency > threshold)
        return [(names[i], names[j], float(adjacency[i, j])) for i, j in zip(rows, cols)]
