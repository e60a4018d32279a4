# case: frozen embedding output made requires_grad (gradient checkpointing hook), then flat.index_copy_ on a view of it
# source: https://github.com/2U1/Qwen-VL-Series-Finetune/pull/178
import torch
import torch.nn as nn

embed_tokens = nn.Embedding(50, 8)
embed_tokens.weight.requires_grad_(False)  # QLoRA: base weights frozen


def make_inputs_require_grads(module, input, output):
    output.requires_grad_(True)


embed_tokens.register_forward_hook(make_inputs_require_grads)

input_ids = torch.randint(0, 50, (2, 6))
inputs_embeds = embed_tokens(input_ids)
img = torch.randn(3, 8, requires_grad=True)  # vision tower output
row_idx = torch.tensor([1, 2, 7])

flat = inputs_embeds.view(-1, inputs_embeds.shape[-1])
flat.index_copy_(0, row_idx, img)  # expect: GG001  # raises: RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation
