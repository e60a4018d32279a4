# case: the out-of-place state update from the PR applied to RecurrentLinearAttention: `Zi = Zi + K` and `Si = Si + einsum(...)` create new state tensors each step, so the einsums of earlier steps keep their saved Si/Zi; runs cleanly
# source: https://github.com/idiap/fast-transformers/pull/10
import torch
from torch.nn import Module, Linear


def elu_feature_map(x):
    return torch.nn.functional.elu(x) + 1


class RecurrentLinearAttention(Module):
    def __init__(self, feature_map=None, eps=1e-6):
        super().__init__()
        self.feature_map = feature_map or elu_feature_map
        self.eps = eps

    def forward(self, query, key, value, memory=None):
        Q = self.feature_map(query)
        K = self.feature_map(key)
        N, H, D = Q.shape
        _, _, M = value.shape

        if memory is None:
            Si = query.new_zeros((N, H, D, M))
            Zi = query.new_zeros((N, H, D))
        else:
            Si, Zi = memory

        if len(Si) != N:
            raise ValueError("The batch size changed during iteration")

        # Update the internal state
        Zi = Zi + K
        Si = Si + torch.einsum("nhd,nhm->nhdm", K, value)

        # Compute the output
        Z = 1. / (torch.einsum("nhd,nhd->nh", Q, Zi) + self.eps)
        V = torch.einsum("nhd,nhdm,nh->nhm", Q, Si, Z)
        return V, [Si, Zi]


class RecurrentAttentionLayer(Module):
    def __init__(self, attention, d_model, n_heads):
        super().__init__()
        d_keys = d_model // n_heads
        self.inner_attention = attention
        self.query_projection = Linear(d_model, d_keys * n_heads)
        self.key_projection = Linear(d_model, d_keys * n_heads)
        self.value_projection = Linear(d_model, d_keys * n_heads)
        self.out_projection = Linear(d_keys * n_heads, d_model)
        self.n_heads = n_heads

    def forward(self, query, key, value, state=None):
        N, D = query.shape
        H = self.n_heads
        query = self.query_projection(query).view(N, H, -1)
        key = self.key_projection(key).view(N, H, -1)
        value = self.value_projection(value).view(N, H, -1)
        new_value, state = self.inner_attention(query, key, value, state)
        return self.out_projection(new_value.view(N, -1)), state


torch.manual_seed(0)
layer = RecurrentAttentionLayer(RecurrentLinearAttention(), d_model=8, n_heads=2)
head = Linear(8, 5)  # downstream module chained after the transformer output
tokens = torch.randn(4, 3, 8)  # (time, batch, d_model)
state = None
logits = []
for x_t in tokens:
    y_t, state = layer(x_t, x_t, x_t, state)
    logits.append(head(y_t))
loss = torch.stack(logits).logsumexp(-1).mean()
loss.backward()
