# case: look-alike: a gradient reversal layer whose forward returns its input as-is (return x), which the DANN author warns against; under torch 2.13 the output is still a new tensor object with the ReverseLayerF node, the domain head starts with a Linear layer, and the adversarial training step runs
# source: https://github.com/fungtion/DANN/issues/3
import numpy as np
import torch
import torch.nn as nn
from torch.autograd import Function

torch.manual_seed(0)


class ReverseLayerF(Function):
    @staticmethod
    def forward(ctx, x, alpha):
        ctx.alpha = alpha
        return x

    @staticmethod
    def backward(ctx, grad_output):
        output = grad_output.neg() * ctx.alpha
        return output, None


class CNNModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.feature = nn.Sequential()
        self.feature.add_module("f_conv1", nn.Conv2d(3, 4, kernel_size=5))
        self.feature.add_module("f_bn1", nn.BatchNorm2d(4))
        self.feature.add_module("f_pool1", nn.MaxPool2d(2))
        self.feature.add_module("f_relu1", nn.ReLU(True))
        self.feature.add_module("f_conv2", nn.Conv2d(4, 6, kernel_size=3))
        self.feature.add_module("f_bn2", nn.BatchNorm2d(6))
        self.feature.add_module("f_drop1", nn.Dropout2d())
        self.feature.add_module("f_pool2", nn.MaxPool2d(2))
        self.feature.add_module("f_relu2", nn.ReLU(True))

        self.class_classifier = nn.Sequential()
        self.class_classifier.add_module("c_fc1", nn.Linear(6 * 2 * 2, 10))
        self.class_classifier.add_module("c_bn1", nn.BatchNorm1d(10))
        self.class_classifier.add_module("c_relu1", nn.ReLU(True))
        self.class_classifier.add_module("c_drop1", nn.Dropout())
        self.class_classifier.add_module("c_fc2", nn.Linear(10, 3))
        self.class_classifier.add_module("c_softmax", nn.LogSoftmax(dim=1))

        self.domain_classifier = nn.Sequential()
        self.domain_classifier.add_module("d_fc1", nn.Linear(6 * 2 * 2, 10))
        self.domain_classifier.add_module("d_bn1", nn.BatchNorm1d(10))
        self.domain_classifier.add_module("d_relu1", nn.ReLU(True))
        self.domain_classifier.add_module("d_fc2", nn.Linear(10, 2))
        self.domain_classifier.add_module("d_softmax", nn.LogSoftmax(dim=1))

    def forward(self, input_data, alpha):
        input_data = input_data.expand(input_data.data.shape[0], 3, 16, 16)
        feature = self.feature(input_data)
        feature = feature.view(-1, 6 * 2 * 2)
        reverse_feature = ReverseLayerF.apply(feature, alpha)
        class_output = self.class_classifier(feature)
        domain_output = self.domain_classifier(reverse_feature)
        return class_output, domain_output


my_net = CNNModel()
optimizer = torch.optim.Adam(my_net.parameters(), lr=1e-3)
loss_class = torch.nn.NLLLoss()
loss_domain = torch.nn.NLLLoss()
n_epoch, len_dataloader, batch_size = 2, 2, 4
source = [(torch.randn(batch_size, 1, 16, 16), torch.randint(0, 3, (batch_size,))) for _ in range(len_dataloader)]
target = [torch.randn(batch_size, 3, 16, 16) for _ in range(len_dataloader)]
for epoch in range(n_epoch):
    for i in range(len_dataloader):
        p = float(i + epoch * len_dataloader) / n_epoch / len_dataloader
        alpha = 2.0 / (1.0 + np.exp(-10 * p)) - 1
        s_img, s_label = source[i]
        my_net.zero_grad()
        class_output, domain_output = my_net(input_data=s_img, alpha=alpha)
        err_s_label = loss_class(class_output, s_label)
        err_s_domain = loss_domain(domain_output, torch.zeros(batch_size, dtype=torch.long))
        _, domain_output = my_net(input_data=target[i], alpha=alpha)
        err_t_domain = loss_domain(domain_output, torch.ones(batch_size, dtype=torch.long))
        err = err_t_domain + err_s_domain + err_s_label
        err.backward()
        optimizer.step()
    print(epoch, err.item())
