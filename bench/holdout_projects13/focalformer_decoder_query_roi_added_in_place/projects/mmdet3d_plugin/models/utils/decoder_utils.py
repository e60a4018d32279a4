from torch import nn


class ConvModule(nn.Module):
    """conv1d -> BN1d -> ReLU, as mmcv's ConvModule builds it from conv_cfg / norm_cfg."""

    def __init__(self, in_channels, out_channels, kernel_size=1, stride=1, padding=0, bias="auto"):
        super().__init__()
        self.conv = nn.Conv1d(in_channels, out_channels, kernel_size, stride=stride, padding=padding, bias=False)
        self.bn = nn.BatchNorm1d(out_channels)
        self.activate = nn.ReLU(inplace=True)

    def forward(self, x):
        x = self.conv(x)  # saver
        x = self.bn(x)
        x = self.activate(x)
        return x


class FFN(nn.Module):
    def __init__(self, in_channels, heads, head_conv=64, final_kernel=1, init_bias=-2.19, bias="auto", **kwargs):
        super(FFN, self).__init__()

        self.heads = heads
        self.init_bias = init_bias
        for head in self.heads:
            classes, num_conv = self.heads[head]

            conv_layers = []
            c_in = in_channels
            for i in range(num_conv - 1):
                conv_layers.append(
                    ConvModule(
                        c_in, head_conv, kernel_size=final_kernel, stride=1, padding=final_kernel // 2, bias=bias
                    )
                )
                c_in = head_conv

            conv_layers.append(
                nn.Conv1d(head_conv, classes, kernel_size=final_kernel, stride=1, padding=final_kernel // 2, bias=True)
            )
            conv_layers = nn.Sequential(*conv_layers)

            self.__setattr__(head, conv_layers)

    def init_weights(self):
        """Initialize weights."""
        for head in self.heads:
            if head == "heatmap":
                self.__getattr__(head)[-1].bias.data.fill_(self.init_bias)

    def forward(self, x):
        """Forward function for SepHead.

        Args:
            x (torch.Tensor): Input query features with the shape of [B, C, P].

        Returns:
            dict[str: torch.Tensor]: the regression and heatmap predictions of every head.
        """
        ret_dict = dict()
        for head in self.heads:
            ret_dict[head] = self.__getattr__(head)(x)

        return ret_dict
