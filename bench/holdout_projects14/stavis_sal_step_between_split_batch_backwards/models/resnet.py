"""3D ResNet backbone with DSAM side branches (visual-only STAViS), shrunk to two stages."""

import torch
import torch.nn as nn

from models.dsam_layers import dsam_score_dsn, interp_surgery, spatial_softmax

__all__ = ["ResNet", "resnet10", "get_fine_tuning_parameters"]


def conv3x3x3(in_planes, out_planes, stride=1):
    # 3x3x3 convolution with padding
    return nn.Conv3d(in_planes, out_planes, kernel_size=3, stride=stride, padding=1, bias=False)


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, inplanes, planes, stride=1, downsample=None):
        super(BasicBlock, self).__init__()
        self.conv1 = conv3x3x3(inplanes, planes, stride)
        self.bn1 = nn.BatchNorm3d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = conv3x3x3(planes, planes)
        self.bn2 = nn.BatchNorm3d(planes)
        self.downsample = downsample
        self.stride = stride

    def forward(self, x):
        residual = x

        out = self.conv1(x)
        out = self.bn1(out)
        out = self.relu(out)

        out = self.conv2(out)
        out = self.bn2(out)

        if self.downsample is not None:
            residual = self.downsample(x)

        out += residual
        out = self.relu(out)

        return out


class ResNet(nn.Module):
    def __init__(self, block, layers, sample_size, sample_duration, shortcut_type="B", audiovisual=False):
        self.audiovisual = audiovisual
        self.inplanes = 8
        super(ResNet, self).__init__()
        self.conv1 = nn.Conv3d(3, 8, kernel_size=7, stride=(1, 2, 2), padding=(3, 3, 3), bias=False)
        self.bn1 = nn.BatchNorm3d(8)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool3d(kernel_size=(3, 3, 3), stride=2, padding=1)
        self.layer1 = self._make_layer(block, 8, layers[0], shortcut_type)
        self.layer2 = self._make_layer(block, 16, layers[1], shortcut_type, stride=2)

        score_dsn = nn.modules.ModuleList()
        in_channels_dsn = [8, 8 * block.expansion, 16 * block.expansion]
        temp_size_prev = [sample_duration, int(sample_duration / 2), int(sample_duration / 4)]
        for i in range(1, 4):
            score_dsn.append(dsam_score_dsn(i, in_channels_dsn[i - 1], temp_size_prev[i - 1]))
        self.score_dsn = score_dsn

        self.fuse = nn.Conv2d(24, 1, kernel_size=1, padding=0)

        for m in self.modules():
            if isinstance(m, nn.Conv3d):
                m.weight = nn.init.kaiming_normal_(m.weight, mode="fan_out")
            elif isinstance(m, nn.BatchNorm3d):
                m.weight.data.fill_(1)
                m.bias.data.zero_()
            elif isinstance(m, nn.ConvTranspose2d):
                interp_surgery(m)

    def _make_layer(self, block, planes, blocks, shortcut_type, stride=1):
        downsample = None
        if stride != 1 or self.inplanes != planes * block.expansion:
            downsample = nn.Sequential(
                nn.Conv3d(self.inplanes, planes * block.expansion, kernel_size=1, stride=stride, bias=False),
                nn.BatchNorm3d(planes * block.expansion),
            )

        layers = []
        layers.append(block(self.inplanes, planes, stride, downsample))
        self.inplanes = planes * block.expansion
        for i in range(1, blocks):
            layers.append(block(self.inplanes, planes))

        return nn.Sequential(*layers)

    def forward(self, x, aud):
        crop_h, crop_w = int(x.size()[-2]), int(x.size()[-1])
        side = []
        side_out = []
        x = self.conv1(x)
        x = self.bn1(x)
        x = self.relu(x)

        (tmp, tmp_, att_tmp) = self.score_dsn[0](x, crop_h, crop_w)
        att = spatial_softmax(att_tmp)
        att = att.unsqueeze(1)
        side.append(tmp)
        side_out.append(tmp_)
        x = torch.mul(1 + att, x)
        x = self.maxpool(x)

        x = self.layer1(x)

        (tmp, tmp_, att_tmp) = self.score_dsn[1](x, crop_h, crop_w)
        att = spatial_softmax(att_tmp)
        att = att.unsqueeze(1)
        side.append(tmp)
        side_out.append(tmp_)
        x = torch.mul(1 + att, x)
        x = self.layer2(x)

        (tmp, tmp_, att_tmp) = self.score_dsn[2](x, crop_h, crop_w)
        side.append(tmp)
        side_out.append(tmp_)

        out = torch.cat(side[:], 1)
        x_out = self.fuse(out)  # saver
        side_out.append(x_out)

        return {"sal": side_out}


def get_fine_tuning_parameters(model, lr, wd):
    ft_module_names_global = ["conv1", "bn1", "layer1", "layer2"]
    ft_module_names_sal = ["score_dsn", "fuse"]

    parameters = {"global": [], "sal": []}
    name_parameters = {"global": [], "sal": []}
    for k, v in model.named_parameters():
        if k.split(".")[0] in ft_module_names_global:
            parameters["global"].append({"params": v})
            name_parameters["global"].append(k)
            continue
        for ft_module in ft_module_names_sal:
            if ft_module in k:
                if "upscale" in k:
                    # the bilinear upsampling kernels stay fixed
                    parameters["sal"].append({"params": v, "lr": 0, "initial_lr": 0})
                elif "side_prep" in k and "weight" in k:
                    parameters["sal"].append({"params": v, "weight_decay": wd, "lr": lr, "initial_lr": lr})
                else:
                    parameters["sal"].append({"params": v})
                name_parameters["sal"].append(k)
                break
    return parameters, name_parameters


def resnet10(**kwargs):
    """Constructs a ResNet-10 model (one block per stage)."""
    return ResNet(BasicBlock, [1, 1, 1, 1], **kwargs)
