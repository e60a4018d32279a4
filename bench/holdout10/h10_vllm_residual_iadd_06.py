# source: https://github.com/vllm-project/vllm/pull/24500
# case: look-alike of the same in-place post-norm layer that happens to train: the patch embeddings come from a convolution followed by `.flatten(2).transpose(1, 2)`, a non-contiguous view, so each q/k/v projection flattens a copy of its input and saves that copy; the in-place add then changes a tensor nothing saved, and the sum keeps the transposed layout into the next layer, where the same holds
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class Step3VisionAttention(nn.Module):
    def __init__(self, dim, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.head_dim = dim // num_heads
        self.q_proj = nn.Linear(dim, dim)
        self.k_proj = nn.Linear(dim, dim)
        self.v_proj = nn.Linear(dim, dim)
        self.out_proj = nn.Linear(dim, dim)

    def forward(self, hidden_states):
        b, n, _ = hidden_states.shape

        def split(t):
            return t.view(b, n, self.num_heads, self.head_dim).transpose(1, 2)

        q = split(self.q_proj(hidden_states))
        k = split(self.k_proj(hidden_states))
        v = split(self.v_proj(hidden_states))
        out = F.scaled_dot_product_attention(q, k, v)
        return self.out_proj(out.transpose(1, 2).reshape(b, n, -1))


class Step3VisionMLP(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x)))


class Step3VisionEncoderLayer(nn.Module):
    def __init__(self, dim=16, num_heads=2):
        super().__init__()
        self.self_attn = Step3VisionAttention(dim, num_heads)
        self.layer_norm1 = nn.LayerNorm(dim)
        self.mlp = Step3VisionMLP(dim, 4 * dim)
        self.layer_norm2 = nn.LayerNorm(dim)

    def forward(self, hidden_states):
        hidden_states += self.layer_norm1(self.self_attn(hidden_states))
        hidden_states = hidden_states + self.layer_norm2(self.mlp(hidden_states))
        return hidden_states


patch_embed = nn.Conv2d(3, 16, kernel_size=4, stride=4)
layers = nn.ModuleList([Step3VisionEncoderLayer() for _ in range(2)])
classifier = nn.Linear(16, 3)
params = list(patch_embed.parameters()) + list(layers.parameters()) + list(classifier.parameters())
optimizer = torch.optim.SGD(params, lr=1e-2)

images = torch.randn(2, 3, 8, 8)
labels = torch.tensor([0, 2])
hidden = patch_embed(images).flatten(2).transpose(1, 2)
for layer in layers:
    hidden = layer(hidden)
loss = F.cross_entropy(classifier(hidden.mean(1)), labels)
optimizer.zero_grad()
loss.backward()
optimizer.step()
print(round(loss.item(), 4))
