# case: the controller rebuilds the probabilities with torch.cat instead of writing into them: the caller keeps the softmax output unchanged and the backward runs
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class AttentionControl:
    def __init__(self):
        self.calls = 0

    def __call__(self, attn, place):
        h = attn.shape[0]
        attn = torch.cat([attn[: h // 2], self.forward(attn[h // 2 :], place)])
        self.calls += 1
        return attn


class AttentionStore(AttentionControl):
    def __init__(self):
        super().__init__()
        self.store = {"down": [], "up": []}

    def forward(self, attn, place):
        self.store[place].append(attn)
        return attn


class Attention(nn.Module):
    def __init__(self, dim, controller, place):
        super().__init__()
        self.to_q = nn.Linear(dim, dim, bias=False)
        self.to_k = nn.Linear(dim, dim, bias=False)
        self.to_v = nn.Linear(dim, dim, bias=False)
        self.controller = controller
        self.place = place

    def forward(self, x):
        q, k, v = self.to_q(x), self.to_k(x), self.to_v(x)
        probs = torch.bmm(q, k.transpose(1, 2)).softmax(dim=-1)
        self.controller(probs, self.place)
        return torch.bmm(probs, v)


controller = AttentionStore()
down, up = Attention(4, controller, "down"), Attention(4, controller, "up")
x = torch.randn(2, 3, 4)
out = up(down(x))
loss = F.mse_loss(out, torch.zeros_like(out)) + controller.store["up"][0].mean()
loss.backward()
