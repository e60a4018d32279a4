# case: VectorNet trajectory prediction (modeling/selfatten.py): masked_softmax reshapes the attention scores to rows and pads each row past its valid length with row[valid_len:] = -1e6, where the rows come from iterating over the tensor (enumerate(X)), i.e. from unbind; writing into an output of a multi-output view op fails in the forward
# source: https://github.com/xk-huang/yet-another-vectornet/issues/34
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
np.random.seed(0)

IN_CHANNELS = 8
OUT_CHANNELS = 12  # 6 future steps x (x, y)
NUM_SUBGRAPH_LAYERS = 2
SUBGRAPH_WIDTH = 16
GLOBAL_GRAPH_WIDTH = 16
MAX_POLYLINES = 5
VECTORS_PER_POLYLINE = 4


def masked_softmax(X, valid_len):
    """masked softmax for attention scores; X: 3-D tensor, valid_len: 1-D or 2-D tensor"""
    if valid_len is None:
        return nn.functional.softmax(X, dim=-1)
    shape = X.shape
    if valid_len.dim() == 1:
        valid_len = torch.repeat_interleave(valid_len, repeats=shape[1], dim=0)
    else:
        valid_len = valid_len.reshape(-1)
    # Fill masked elements with a large negative, whose exp is 0
    X = X.reshape(-1, shape[-1])
    for count, row in enumerate(X):
        row[int(valid_len[count]) :] = -1e6  # expect: GG003  # raises: RuntimeError: is a view and is being modified inplace
    return nn.functional.softmax(X.reshape(shape), dim=-1)


class SelfAttentionLayer(nn.Module):
    """Self-attention layer. no scale_factor d_k"""

    def __init__(self, in_channels, global_graph_width, need_scale=False):
        super().__init__()
        self.q_lin = nn.Linear(in_channels, global_graph_width)
        self.k_lin = nn.Linear(in_channels, global_graph_width)
        self.v_lin = nn.Linear(in_channels, global_graph_width)
        self.scale_factor_d = 1 + int(np.sqrt(in_channels)) if need_scale else 1

    def forward(self, x, valid_len):
        query = self.q_lin(x)
        key = self.k_lin(x)
        value = self.v_lin(x)
        scores = torch.bmm(query, key.transpose(1, 2))
        attention_weights = masked_softmax(scores, valid_len)
        return torch.bmm(attention_weights, value)


class GraphLayerProp(nn.Module):
    # stand-in for the torch_geometric MessagePassing layer: MLP on each vector,
    # max-pool over the vectors of a polyline, concatenate the pooled feature back
    def __init__(self, in_channels, hidden_unit):
        super().__init__()
        self.mlp = nn.Sequential(
            nn.Linear(in_channels, hidden_unit), nn.LayerNorm(hidden_unit), nn.ReLU(), nn.Linear(hidden_unit, in_channels)
        )

    def forward(self, x):
        x = self.mlp(x)
        aggr = x.max(dim=-2, keepdim=True).values.expand_as(x)
        return torch.cat([x, aggr], dim=-1)


class SubGraph(nn.Module):
    def __init__(self, in_channels, num_subgraph_layers=3, hidden_unit=64):
        super().__init__()
        self.layer_seq = nn.Sequential()
        for i in range(num_subgraph_layers):
            self.layer_seq.add_module(f"glp_{i}", GraphLayerProp(in_channels, hidden_unit))
            in_channels *= 2

    def forward(self, vectors):
        x = self.layer_seq(vectors)
        x = x.max(dim=-2).values  # one feature per polyline
        return x / x.norm(dim=-1, keepdim=True)


class TrajPredMLP(nn.Module):
    def __init__(self, in_channels, out_channels, hidden_unit):
        super().__init__()
        self.mlp = nn.Sequential(
            nn.Linear(in_channels, hidden_unit), nn.LayerNorm(hidden_unit), nn.ReLU(), nn.Linear(hidden_unit, out_channels)
        )

    def forward(self, x):
        return self.mlp(x)


class HGNN(nn.Module):
    """hierarchical GNN with trajectory prediction MLP"""

    def __init__(self, in_channels, out_channels, num_subgraph_layers=3, subgraph_width=64, global_graph_width=64):
        super().__init__()
        self.polyline_vec_shape = in_channels * (2**num_subgraph_layers)
        self.subgraph = SubGraph(in_channels, num_subgraph_layers, subgraph_width)
        self.self_atten_layer = SelfAttentionLayer(self.polyline_vec_shape, global_graph_width)
        self.traj_pred_mlp = TrajPredMLP(global_graph_width, out_channels, global_graph_width)

    def forward(self, vectors, valid_lens):
        sub_graph_out = self.subgraph(vectors)
        out = self.self_atten_layer(sub_graph_out, valid_lens)
        return self.traj_pred_mlp(out[:, [0]].squeeze(1))  # the agent polyline comes first


def make_batch(batch_size):
    vectors = torch.randn(batch_size, MAX_POLYLINES, VECTORS_PER_POLYLINE, IN_CHANNELS)
    valid_lens = torch.tensor(np.random.randint(2, MAX_POLYLINES + 1, size=batch_size))
    y = torch.randn(batch_size, OUT_CHANNELS)
    return vectors, valid_lens, y


model = HGNN(IN_CHANNELS, OUT_CHANNELS, NUM_SUBGRAPH_LAYERS, SUBGRAPH_WIDTH, GLOBAL_GRAPH_WIDTH)
optimizer = torch.optim.Adam(model.parameters(), lr=0.005)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10, gamma=0.9)
model.train()
for epoch in range(2):
    accum_loss = 0.0
    for _ in range(3):
        vectors, valid_lens, y = make_batch(batch_size=2)
        optimizer.zero_grad()
        out = model(vectors, valid_lens)
        loss = F.mse_loss(out, y)
        loss.backward()
        optimizer.step()
        accum_loss += loss.item()
    scheduler.step()
    print(f"epoch {epoch}: loss {accum_loss / 3:.4f}")
