import torch
from torch import nn

from ... import tensor_parallel


class GPTModel(nn.Module):
    """Tiny decoder stand-in: embedding, one MLP block, untied output layer."""

    def __init__(self, vocab_size=16, hidden_size=8, z_loss_coeff=1e-2):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, hidden_size)
        self.block = nn.Sequential(nn.LayerNorm(hidden_size), nn.Linear(hidden_size, 2 * hidden_size), nn.GELU(), nn.Linear(2 * hidden_size, hidden_size))
        self.output_layer = nn.Linear(hidden_size, vocab_size, bias=False)
        self.z_loss_coeff = z_loss_coeff

    def compute_language_model_loss(self, labels, logits):
        # logits are [s, b, v]; labels are [b, s]
        labels = labels.transpose(0, 1).contiguous()
        loss = tensor_parallel.vocab_parallel_cross_entropy(logits, labels)
        return loss.transpose(0, 1).contiguous()

    def forward(self, input_ids, labels):
        hidden = self.embedding(input_ids).transpose(0, 1)
        hidden = hidden + self.block(hidden)
        logits = self.output_layer(hidden)
        # z-loss keeps the log-partition small; logsumexp saves the fp32 logits
        z_loss = self.z_loss_coeff * torch.logsumexp(logits, dim=-1).pow(2).mean()  # saver
        lm_loss = self.compute_language_model_loss(labels, logits)
        return lm_loss, z_loss
