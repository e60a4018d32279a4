import torch


def _targets(tenFlow):
    """Nearest-pixel target index of every source pixel after forward warping (summation splatting)."""
    n, _, h, w = tenFlow.shape
    gy, gx = torch.meshgrid(torch.arange(h), torch.arange(w), indexing="ij")
    tx = (gx + tenFlow[:, 0].detach().round().long()).clamp(0, w - 1)
    ty = (gy + tenFlow[:, 1].detach().round().long()).clamp(0, h - 1)
    return (ty * w + tx).view(n, 1, h * w)


class _FunctionSoftsplat(torch.autograd.Function):
    @staticmethod
    def forward(ctx, tenIn, tenFlow):
        ctx.save_for_backward(tenIn, tenFlow)
        n, c, h, w = tenIn.shape
        index = _targets(tenFlow).expand(n, c, h * w)
        tenOut = tenIn.new_zeros(n, c, h, w)
        tenOut.view(n, c, h * w).scatter_add_(2, index, tenIn.reshape(n, c, h * w))
        return tenOut

    @staticmethod
    def backward(ctx, tenOutgrad):
        tenIn, tenFlow = ctx.saved_tensors  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        n, c, h, w = tenIn.shape
        index = _targets(tenFlow).expand(n, c, h * w)
        tenIngrad = tenOutgrad.reshape(n, c, h * w).gather(2, index).view(n, c, h, w)
        tenFlowgrad = torch.zeros_like(tenFlow)
        return tenIngrad, tenFlowgrad


def softsplat(tenIn, tenFlow, tenMetric, strMode):
    if strMode == "avg":
        tenIn = torch.cat([tenIn, tenIn.new_ones([tenIn.shape[0], 1, tenIn.shape[2], tenIn.shape[3]])], 1)
    elif strMode == "soft":
        tenIn = torch.cat([tenIn * tenMetric.exp(), tenMetric.exp()], 1)
    tenOut = _FunctionSoftsplat.apply(tenIn, tenFlow)
    if strMode != "sum":
        tenNormalize = tenOut[:, -1:, :, :]
        tenNormalize[tenNormalize == 0.0] = 1.0
        tenOut = tenOut[:, :-1, :, :] / tenNormalize
    return tenOut
