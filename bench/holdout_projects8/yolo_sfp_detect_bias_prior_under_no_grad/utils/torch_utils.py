import torch.nn as nn


def initialize_weights(model):
    for m in model.modules():
        t = type(m)
        if t is nn.Conv2d:
            pass  # nn.init.kaiming_normal_(m.weight, mode='fan_out', nonlinearity='relu')
        elif t is nn.BatchNorm2d:
            m.eps = 1e-3
            m.momentum = 0.03
        elif t in [nn.Hardswish, nn.LeakyReLU, nn.ReLU, nn.ReLU6]:
            m.inplace = True


def model_info(model, verbose=False):
    n_p = sum(x.numel() for x in model.parameters())  # number parameters
    n_g = sum(x.numel() for x in model.parameters() if x.requires_grad)  # number gradients
    if verbose:
        for i, (name, p) in enumerate(model.named_parameters()):
            print("%5g %40s %9s %12g %20s" % (i, name, p.requires_grad, p.numel(), list(p.shape)))
    print("Model Summary: %g layers, %g parameters, %g gradients" % (len(list(model.modules())), n_p, n_g))
