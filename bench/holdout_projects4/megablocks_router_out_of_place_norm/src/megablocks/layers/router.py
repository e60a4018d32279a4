import torch

from .arguments import Arguments


class LearnedRouter(torch.nn.Module):
    def __init__(self, args: Arguments):
        super().__init__()
        self.args = args
        self.layer = torch.nn.Linear(args.hidden_size, args.moe_num_experts, bias=False)

    def _top_k(self, scores):
        if self.args.moe_top_k == 1:
            values, indices = scores.max(dim=-1)
            return values.unsqueeze(-1), indices.unsqueeze(-1)
        return torch.topk(scores, self.args.moe_top_k, dim=-1)

    def forward(self, x):
        scores = self.layer(x.view(-1, x.shape[-1])).softmax(dim=-1)
        expert_weights, expert_indices = self._top_k(scores)
        if self.args.moe_normalize_expert_weights:
            expert_weights = expert_weights / torch.norm(
                expert_weights, p=self.args.moe_normalize_expert_weights, dim=-1, keepdim=True
            )
        return scores, expert_weights, expert_indices
