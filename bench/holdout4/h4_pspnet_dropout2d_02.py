# case: the fix from the thread: PSPNet's self.dropout = nn.Dropout2d(p=0.1, inplace=False); the remaining in-place ReLUs (after BatchNorm, and F.relu(conv + residual, inplace=True) on a fresh sum) are harmless and training runs cleanly
# source: https://github.com/meetps/pytorch-semseg/issues/121
import torch
import torch.nn as nn
import torch.nn.functional as F


class conv2DBatchNorm(nn.Module):
    def __init__(self, in_channels, n_filters, k_size, stride, padding, bias=True, dilation=1):
        super(conv2DBatchNorm, self).__init__()
        self.cb_unit = nn.Sequential(
            nn.Conv2d(int(in_channels), int(n_filters), kernel_size=k_size, padding=padding,
                      stride=stride, bias=bias, dilation=dilation),
            nn.BatchNorm2d(int(n_filters)),
        )

    def forward(self, inputs):
        return self.cb_unit(inputs)


class conv2DBatchNormRelu(nn.Module):
    def __init__(self, in_channels, n_filters, k_size, stride, padding, bias=True, dilation=1):
        super(conv2DBatchNormRelu, self).__init__()
        conv_mod = nn.Conv2d(int(in_channels), int(n_filters), kernel_size=k_size, padding=padding,
                             stride=stride, bias=bias, dilation=dilation)
        self.cbr_unit = nn.Sequential(conv_mod, nn.BatchNorm2d(int(n_filters)), nn.ReLU(inplace=True))

    def forward(self, inputs):
        return self.cbr_unit(inputs)


class bottleNeckPSP(nn.Module):
    def __init__(self, in_channels, mid_channels, out_channels, stride, dilation=1):
        super(bottleNeckPSP, self).__init__()
        self.cbr1 = conv2DBatchNormRelu(in_channels, mid_channels, 1, stride=1, padding=0, bias=False)
        self.cbr2 = conv2DBatchNormRelu(mid_channels, mid_channels, 3, stride=stride, padding=dilation,
                                        bias=False, dilation=dilation)
        self.cb3 = conv2DBatchNorm(mid_channels, out_channels, 1, stride=1, padding=0, bias=False)
        self.cb4 = conv2DBatchNorm(in_channels, out_channels, 1, stride=stride, padding=0, bias=False)

    def forward(self, x):
        conv = self.cb3(self.cbr2(self.cbr1(x)))
        residual = self.cb4(x)
        return F.relu(conv + residual, inplace=True)


class bottleNeckIdentifyPSP(nn.Module):
    def __init__(self, in_channels, mid_channels, stride, dilation=1):
        super(bottleNeckIdentifyPSP, self).__init__()
        self.cbr1 = conv2DBatchNormRelu(in_channels, mid_channels, 1, stride=1, padding=0, bias=False)
        self.cbr2 = conv2DBatchNormRelu(mid_channels, mid_channels, 3, stride=1, padding=dilation,
                                        bias=False, dilation=dilation)
        self.cb3 = conv2DBatchNorm(mid_channels, in_channels, 1, stride=1, padding=0, bias=False)

    def forward(self, x):
        residual = x
        x = self.cb3(self.cbr2(self.cbr1(x)))
        return F.relu(x + residual, inplace=True)


class residualBlockPSP(nn.Module):
    def __init__(self, n_blocks, in_channels, mid_channels, out_channels, stride, dilation=1):
        super(residualBlockPSP, self).__init__()
        if dilation > 1:
            stride = 1
        layers = [bottleNeckPSP(in_channels, mid_channels, out_channels, stride, dilation)]
        for i in range(n_blocks - 1):
            layers.append(bottleNeckIdentifyPSP(out_channels, mid_channels, stride, dilation))
        self.layers = nn.Sequential(*layers)

    def forward(self, x):
        return self.layers(x)


class pyramidPooling(nn.Module):
    def __init__(self, in_channels, pool_sizes):
        super(pyramidPooling, self).__init__()
        self.paths = []
        for i in range(len(pool_sizes)):
            self.paths.append(conv2DBatchNormRelu(in_channels, int(in_channels / len(pool_sizes)), 1, 1, 0, bias=False))
        self.path_module_list = nn.ModuleList(self.paths)
        self.pool_sizes = pool_sizes

    def forward(self, x):
        h, w = x.shape[2:]
        output_slices = [x]
        for i, (module, pool_size) in enumerate(zip(self.path_module_list, self.pool_sizes)):
            k = (int(h / pool_size), int(w / pool_size))
            out = F.avg_pool2d(x, k, stride=k, padding=0)
            out = module(out)
            out = F.interpolate(out, size=(h, w), mode="bilinear", align_corners=False)
            output_slices.append(out)
        return torch.cat(output_slices, dim=1)


class pspnet(nn.Module):
    def __init__(self, n_classes=5, block_config=[1, 1, 2, 1]):
        super(pspnet, self).__init__()
        self.convbnrelu1_1 = conv2DBatchNormRelu(3, 8, 3, 2, 1, bias=False)
        self.convbnrelu1_2 = conv2DBatchNormRelu(8, 8, 3, 1, 1, bias=False)
        self.convbnrelu1_3 = conv2DBatchNormRelu(8, 16, 3, 1, 1, bias=False)
        self.res_block2 = residualBlockPSP(block_config[0], 16, 8, 16, 1, 1)
        self.res_block3 = residualBlockPSP(block_config[1], 16, 8, 16, 2, 1)
        self.res_block4 = residualBlockPSP(block_config[2], 16, 8, 16, 1, 2)
        self.res_block5 = residualBlockPSP(block_config[3], 16, 8, 16, 1, 4)
        self.pyramid_pooling = pyramidPooling(16, [4, 2, 1, 1])
        self.cbr_final = conv2DBatchNormRelu(32, 8, 3, 1, 1, False)
        self.dropout = nn.Dropout2d(p=0.1, inplace=False)
        self.classification = nn.Conv2d(8, n_classes, 1, 1, 0)
        self.convbnrelu4_aux = conv2DBatchNormRelu(16, 8, 3, 1, 1, bias=False)
        self.aux_cls = nn.Conv2d(8, n_classes, 1, 1, 0)

    def forward(self, x):
        inp_shape = x.shape[2:]
        x = self.convbnrelu1_1(x)
        x = self.convbnrelu1_2(x)
        x = self.convbnrelu1_3(x)
        x = F.max_pool2d(x, 3, 2, 1)
        x = self.res_block2(x)
        x = self.res_block3(x)
        x = self.res_block4(x)

        # Auxiliary layers for training
        x_aux = self.convbnrelu4_aux(x)
        x_aux = self.dropout(x_aux)
        x_aux = self.aux_cls(x_aux)

        x = self.res_block5(x)
        x = self.pyramid_pooling(x)
        x = self.cbr_final(x)
        x = self.dropout(x)
        x = self.classification(x)
        x = F.interpolate(x, size=inp_shape, mode="bilinear", align_corners=False)
        if self.training:
            return x_aux, x
        return x


def multi_scale_cross_entropy2d(input, target, scale_weight=(1.0, 0.4)):
    aux, out = input
    aux = F.interpolate(aux, size=target.shape[1:], mode="bilinear", align_corners=False)
    return scale_weight[0] * F.cross_entropy(out, target) + scale_weight[1] * F.cross_entropy(aux, target)


model = pspnet()
optimizer = torch.optim.SGD(model.parameters(), lr=1e-3, momentum=0.9, weight_decay=5e-4)
images = torch.randn(2, 3, 32, 32)
labels = torch.randint(0, 5, (2, 32, 32))
model.train()
for i in range(2):
    optimizer.zero_grad()
    outputs = model(images)
    loss = multi_scale_cross_entropy2d(input=outputs, target=labels)
    loss.backward()
    optimizer.step()
