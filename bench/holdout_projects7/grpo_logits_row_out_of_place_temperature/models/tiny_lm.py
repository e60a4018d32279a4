import torch.nn as nn


class TinyCausalLM(nn.Module):
    """Stand-in for the Qwen policy: embedding, one GRU layer, LM head."""

    def __init__(self, vocab_size=12, dim=8):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, dim)
        self.rnn = nn.GRU(dim, dim, batch_first=True)
        self.lm_head = nn.Linear(dim, vocab_size)

    def forward(self, input_ids, attention_mask=None):
        h, _ = self.rnn(self.embed(input_ids))
        return self.lm_head(h)
