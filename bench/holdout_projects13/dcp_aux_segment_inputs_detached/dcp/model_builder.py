import torch

import dcp.models as md


def get_model(dataset, net_type, depth, n_classes):
    """
    Available model
    cifar:
        preresnet
    """
    if dataset in ["cifar10", "cifar100"]:
        test_input = torch.randn(1, 3, 32, 32)
        if net_type == "preresnet":
            model = md.PreResNet(depth=depth, num_classes=n_classes)
        else:
            assert False, "use {} data while network is {}".format(dataset, net_type)
    else:
        assert False, "unsupported data set: {}".format(dataset)
    return model, test_input
