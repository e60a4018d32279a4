import torch
import torch.nn as nn
import torch.nn.functional as F


class Sobel(nn.Module):
    def __init__(self):
        super(Sobel, self).__init__()
        self.edge_conv = nn.Conv2d(1, 2, kernel_size=3, stride=1, padding=1, bias=False)
        edge_kx = torch.tensor([[1., 0., -1.], [2., 0., -2.], [1., 0., -1.]])
        edge_ky = torch.tensor([[1., 2., 1.], [0., 0., 0.], [-1., -2., -1.]])
        edge_k = torch.stack((edge_kx, edge_ky)).view(2, 1, 3, 3)
        self.edge_conv.weight = nn.Parameter(edge_k, requires_grad=False)

    def forward(self, x):
        out = self.edge_conv(x)
        out = out.contiguous().view(-1, 2, x.size(2), x.size(3))
        return out


class GradientLoss(nn.Module):
    def __init__(self):
        super().__init__()
        self.sobel = Sobel()

    def forward(self, input, target):
        input_grad = self.sobel(input)
        target_grad = self.sobel(target)
        #  2 channel: first represents dx, second represents dy

        input_grad_dx = input_grad[:, 0, :, :].contiguous().view_as(input)
        input_grad_dy = input_grad[:, 1, :, :].contiguous().view_as(input)
        target_grad_dx = target_grad[:, 0, :, :].contiguous().view_as(target)
        target_grad_dy = target_grad[:, 1, :, :].contiguous().view_as(target)

        loss_dx = torch.abs(input_grad_dx - target_grad_dx)
        loss_dy = torch.abs(input_grad_dy - target_grad_dy)

        return loss_dx + loss_dy
