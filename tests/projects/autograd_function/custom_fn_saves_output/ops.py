import torch


class ScaledExp(torch.autograd.Function):
    """y = scale * exp(x), with dy/dx = y."""

    @staticmethod
    def forward(ctx, x: torch.Tensor, scale: float) -> torch.Tensor:
        y = torch.exp(x) * scale
        ctx.save_for_backward(y)
        ctx.scale = scale
        return y

    @staticmethod
    def backward(ctx, grad: torch.Tensor) -> tuple[torch.Tensor, None]:
        (y,) = ctx.saved_tensors  # raises: RuntimeError: modified by an inplace operation
        return grad * y, None
