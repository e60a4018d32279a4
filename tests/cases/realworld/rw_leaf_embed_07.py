# case: text-only batch for a VL model: inputs_embeds += image_embeds.mean() * 0. where the embedding output is a leaf that requires grad
# source: https://github.com/modelscope/ms-swift/issues/4613
import torch
import torch.nn as nn

embed_tokens = nn.Embedding(32, 8)
embed_tokens.weight.requires_grad_(False)  # frozen LLM embedding (LoRA / deepspeed)
embed_tokens.register_forward_hook(lambda m, i, o: o.requires_grad_(True))  # enable_input_require_grads
visual = nn.Linear(12, 8)

input_ids = torch.randint(0, 32, (2, 5))
inputs_embeds = embed_tokens(input_ids)
print(inputs_embeds.is_leaf)
pixel_values = torch.randn(1, 12)  # dummy image so the vision tower joins the graph
image_embeds = visual(pixel_values)
inputs_embeds += image_embeds.mean() * 0.  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
