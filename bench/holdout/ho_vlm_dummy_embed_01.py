# case: VILA-style _embed: frozen token embeddings + HF-style enable_input_require_grads hook (output.requires_grad_(True), used for LoRA/gradient checkpointing) make text_embeds a leaf that requires grad; `text_embeds += torch.sum(dummy_embed) * 0` then fails
# source: https://github.com/NVlabs/VILA/pull/199
from collections import deque

import torch
import torch.nn as nn


class TinyLLM(nn.Module):
    def __init__(self, vocab=16, dim=8):
        super().__init__()
        self.embed_tokens = nn.Embedding(vocab, dim)
        self.layer = nn.Linear(dim, dim)
        self.lm_head = nn.Linear(dim, vocab)

    def get_input_embeddings(self):
        return self.embed_tokens

    def enable_input_require_grads(self):
        def make_inputs_require_grads(module, input, output):
            output.requires_grad_(True)

        self._require_grads_hook = self.get_input_embeddings().register_forward_hook(make_inputs_require_grads)


class VLM(nn.Module):
    def __init__(self):
        super().__init__()
        self.llm = TinyLLM()
        self.mm_projector = nn.Linear(4, 8)

    def _embed(self, input_ids, media_embeds, labels, attention_mask):
        text_embeds = self.llm.embed_tokens(input_ids)

        # This is a workaround to make sure the dummy embeddings are consumed
        while media_embeds.get("dummy"):
            dummy_embed = media_embeds["dummy"].popleft()
            text_embeds += torch.sum(dummy_embed) * 0  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation

        batch_size = labels.shape[0]
        text_embeds = [text_embeds[k][attention_mask[k]] for k in range(batch_size)]
        return text_embeds


model = VLM()
model.llm.embed_tokens.weight.requires_grad_(False)  # frozen LLM embeddings (LoRA-style)
model.llm.enable_input_require_grads()

input_ids = torch.randint(0, 16, (2, 5))
labels = input_ids.clone()
attention_mask = torch.ones(2, 5, dtype=torch.bool)
media_embeds = {"dummy": deque([model.mm_projector(torch.randn(3, 4))])}
embeds = model._embed(input_ids, media_embeds, labels, attention_mask)
loss = sum(model.llm.lm_head(model.llm.layer(e)).logsumexp(-1).mean() for e in embeds)
loss.backward()
