# case: copying fused weights into a conv layer with cconv.weight[:,:,:,:] = W (user saw the 'view of a leaf' message; torch 2.13 reports the leaf message)
# source: https://github.com/PingoLH/FCHarDNet/issues/61
import torch
import torch.nn as nn

conv = nn.Conv2d(3, 4, 3, bias=False)
bn = nn.BatchNorm2d(4)
cconv = nn.Conv2d(3, 4, 3, bias=True)

# fold the batchnorm into the convolution
W = conv.weight * (bn.weight / torch.sqrt(bn.running_var + bn.eps)).view(-1, 1, 1, 1)
cconv.weight[:, :, :, :] = W[:, :, :, :]  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
