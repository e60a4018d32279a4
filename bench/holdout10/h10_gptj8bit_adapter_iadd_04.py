# source: https://github.com/gustavecortal/gpt-j-fine-tuning-example/issues/1
# case: look-alike: the unpatched Function and in-place LoRA add used on 2-D activations (the token batch flattened to rows before the frozen layers, as in a per-token classifier over pooled features); with a 2-D input F.linear is a single addmm whose output is not a view, so the in-place add is allowed even with biases, and the adapters train
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)


def quantize_blockwise(matrix, blocksize=64):
    flat = matrix.detach().reshape(-1, blocksize)
    absmax = flat.abs().amax(dim=1, keepdim=True).clamp(min=1e-8)
    q = torch.round(flat / absmax * 127).to(torch.int8)
    return q.reshape(matrix.shape), absmax


def dequantize_blockwise(weights_quantized, absmax, blocksize=64):
    flat = weights_quantized.reshape(-1, blocksize).float() * absmax / 127
    return flat.reshape(weights_quantized.shape)


class DequantizeAndLinear(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input, weights_quantized, absmax, bias):
        weights_deq = dequantize_blockwise(weights_quantized, absmax)
        ctx.save_for_backward(input, weights_quantized, absmax)
        ctx._has_bias = bias is not None
        return F.linear(input, weights_deq, bias)

    @staticmethod
    def backward(ctx, grad_output):
        input, weights_quantized, absmax = ctx.saved_tensors
        weights_deq = dequantize_blockwise(weights_quantized, absmax)
        grad_input = grad_output @ weights_deq
        grad_bias = grad_output.flatten(0, -2).sum(dim=0) if ctx._has_bias else None
        return grad_input, None, None, grad_bias


class FrozenBNBLinear(nn.Module):
    def __init__(self, weight, absmax, bias=None):
        super().__init__()
        self.out_features, self.in_features = weight.shape
        self.register_buffer("weight", weight)
        self.register_buffer("absmax", absmax)
        self.adapter = None
        self.bias = bias

    def forward(self, input):
        output = DequantizeAndLinear.apply(input, self.weight, self.absmax, self.bias)
        if self.adapter:
            output += self.adapter(input)
        return output

    @classmethod
    def from_linear(cls, linear):
        weights_int8, absmax = quantize_blockwise(linear.weight)
        bias = None if linear.bias is None else nn.Parameter(linear.bias.detach().clone(), requires_grad=False)
        return cls(weights_int8, absmax, bias)


class FrozenBNBEmbedding(nn.Module):
    def __init__(self, weight, absmax):
        super().__init__()
        self.register_buffer("weight", weight)
        self.register_buffer("absmax", absmax)
        self.adapter = None

    def forward(self, input):
        with torch.no_grad():
            output = F.embedding(input, dequantize_blockwise(self.weight, self.absmax))
        if self.adapter:
            output += self.adapter(input)
        return output


def convert_to_int8(model):
    for module in list(model.modules()):
        for name, child in module.named_children():
            if isinstance(child, nn.Linear):
                setattr(module, name, FrozenBNBLinear.from_linear(child))
            elif isinstance(child, nn.Embedding):
                setattr(module, name, FrozenBNBEmbedding(*quantize_blockwise(child.weight)))


def add_adapters(model, adapter_dim=4):
    for module in model.modules():
        if isinstance(module, FrozenBNBLinear):
            module.adapter = nn.Sequential(
                nn.Linear(module.in_features, adapter_dim, bias=False),
                nn.Linear(adapter_dim, module.out_features, bias=False),
            )
            nn.init.zeros_(module.adapter[1].weight)
        elif isinstance(module, FrozenBNBEmbedding):
            module.adapter = nn.Sequential(
                nn.Embedding(module.weight.shape[0], adapter_dim),
                nn.Linear(adapter_dim, module.weight.shape[1], bias=False),
            )
            nn.init.zeros_(module.adapter[1].weight)


class TokenMLPClassifier(nn.Module):
    def __init__(self, vocab=64, dim=32, n_layer=2):
        super().__init__()
        self.wte = nn.Embedding(vocab, dim)
        self.h = nn.ModuleList([nn.Sequential(nn.LayerNorm(dim), nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim)) for _ in range(n_layer)])
        self.ln_f = nn.LayerNorm(dim)
        self.lm_head = nn.Linear(dim, vocab)

    def forward(self, input_ids):
        x = self.wte(input_ids).flatten(0, 1)
        for mlp in self.h:
            x = x + mlp(x)
        return self.lm_head(self.ln_f(x))


gpt = TokenMLPClassifier()
convert_to_int8(gpt)
add_adapters(gpt)
trainable = [p for p in gpt.parameters() if p.requires_grad]
optimizer = torch.optim.Adam(trainable, lr=1e-4)

batch = torch.randint(0, 64, (2, 8))
out = gpt(batch[:, :-1])
loss = F.cross_entropy(out, batch[:, 1:].reshape(-1))
optimizer.zero_grad()
loss.backward()
optimizer.step()
print(round(loss.item(), 4))
