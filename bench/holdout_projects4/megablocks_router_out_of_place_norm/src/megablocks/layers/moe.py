import torch

from megablocks.layers.arguments import Arguments

from .router import LearnedRouter


class MLP(torch.nn.Module):
    def __init__(self, args: Arguments):
        super().__init__()
        self.w1 = torch.nn.Linear(args.hidden_size, args.ffn_hidden_size)
        self.w2 = torch.nn.Linear(args.ffn_hidden_size, args.hidden_size)

    def forward(self, x):
        return self.w2(torch.nn.functional.gelu(self.w1(x)))


class MoE(torch.nn.Module):
    def __init__(self, args: Arguments):
        super().__init__()
        self.router = LearnedRouter(args)
        self.experts = torch.nn.ModuleList([MLP(args) for _ in range(args.moe_num_experts)])

    def forward(self, x):
        tokens = x.view(-1, x.shape[-1])
        scores, expert_weights, expert_indices = self.router(x)
        out = torch.zeros_like(tokens)
        for slot in range(expert_indices.shape[-1]):
            for e, expert in enumerate(self.experts):
                mask = (expert_indices[:, slot] == e).unsqueeze(-1).to(tokens.dtype)
                out = out + mask * expert_weights[:, slot : slot + 1] * expert(tokens)
        return out.view_as(x), scores
