import torch
import torch.nn as nn

from .blocks import ActFirstResBlock, Conv2dBlock


class GPPatchMcResDis(nn.Module):
    def __init__(self, nf=8, n_res_blks=2, num_classes=4):
        super().__init__()
        cnn_f = [Conv2dBlock(3, nf, 7, 1, 3, pad_type="reflect", norm="none", activation="none")]
        for i in range(n_res_blks - 1):
            nf_out = nf * 2
            cnn_f += [ActFirstResBlock(nf, nf, None, "lrelu", "none")]
            cnn_f += [ActFirstResBlock(nf, nf_out, None, "lrelu", "none")]
            cnn_f += [nn.ReflectionPad2d(1)]
            cnn_f += [nn.AvgPool2d(kernel_size=3, stride=2)]
            nf = nf * 2
        nf_out = nf * 2
        cnn_f += [ActFirstResBlock(nf, nf, None, "lrelu", "none")]
        cnn_f += [ActFirstResBlock(nf, nf_out, None, "lrelu", "none")]
        cnn_c = [Conv2dBlock(nf_out, num_classes, 1, 1, norm="none", activation="lrelu", activation_first=True)]
        self.cnn_f = nn.Sequential(*cnn_f)
        self.cnn_c = nn.Sequential(*cnn_c)

    def forward(self, x, y):
        feat = self.cnn_f(x)
        out = self.cnn_c(feat)
        index = torch.arange(out.size(0)).long()
        out = out[index, y, :, :]
        return out, feat
