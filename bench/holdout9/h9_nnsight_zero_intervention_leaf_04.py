# source: https://github.com/ndif-team/nnsight/pull/126
# case: look-alike: the in-place `zero` is applied to the embedding lookup's output before it is detached for saliency (ablate, then `detach().requires_grad_()`), so the write happens on a non-leaf that nothing saved and the leaf is created afterwards; the run backpropagates
import torch
import torch.nn as nn

torch.manual_seed(0)


def zero(tensor, positions):
    tensor[:, positions] = 0
    return tensor


class TinyLM(nn.Module):
    def __init__(self, vocab=11, dim=8):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.mlp = nn.Sequential(nn.Linear(dim, dim * 2), nn.GELU(), nn.Linear(dim * 2, dim))
        self.ln_f = nn.LayerNorm(dim)
        self.lm_head = nn.Linear(dim, vocab, bias=False)

    def forward(self, input_ids=None, inputs_embeds=None):
        h = self.embed(input_ids) if inputs_embeds is None else inputs_embeds
        h = h + self.mlp(h)
        return self.lm_head(self.ln_f(h))


class Intervention:
    def __init__(self, model, ablate_positions):
        self.model = model
        self.ablate_positions = ablate_positions

    def saliency(self, input_ids, target_id):
        ablated = zero(self.model.embed(input_ids), self.ablate_positions)
        inputs_embeds = ablated.detach().requires_grad_()
        logits = self.model(inputs_embeds=inputs_embeds)
        logits[:, -1, target_id].sum().backward()
        return inputs_embeds.grad.norm(dim=-1)


model = TinyLM().eval()
ids = torch.tensor([[1, 4, 2, 7, 3]])
scores = Intervention(model, ablate_positions=[1, 2]).saliency(ids, target_id=5)
print(scores)
