import math

from torch.nn import init
from torch.optim import lr_scheduler


def _scalar(text):
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            pass
    return text


def get_config(path):
    """Reads the flat `key: value  # comment` YAML the configs use."""
    config = {}
    with open(path) as stream:
        for line in stream:
            line = line.split("#", 1)[0].strip()
            if line:
                key, value = line.split(":", 1)
                config[key.strip()] = _scalar(value.strip())
    return config


def normalize_arr_of_imgs(arr):
    return arr / 127.5 - 1.0


def denormalize_arr_of_imgs(arr):
    return (arr + 1.0) * 127.5


def get_scheduler(optimizer, options, iterations=-1):
    if options.lr_policy == "step":
        return lr_scheduler.StepLR(optimizer, step_size=options.step_size, gamma=options.gamma,
                                   last_epoch=iterations)
    return None


def weights_init(init_type="gaussian"):
    def init_fun(m):
        classname = m.__class__.__name__
        if (classname.find("Conv") == 0 or classname.find("Linear") == 0) and hasattr(m, "weight"):
            if init_type == "gaussian":
                init.normal_(m.weight.data, 0.0, 0.02)
            elif init_type == "xavier":
                init.xavier_normal_(m.weight.data, gain=math.sqrt(2))
            elif init_type == "kaiming":
                init.kaiming_normal_(m.weight.data, a=0, mode="fan_in")
            elif init_type == "orthogonal":
                init.orthogonal_(m.weight.data, gain=math.sqrt(2))
            else:
                assert 0, "Unsupported initialization: {}".format(init_type)
            if hasattr(m, "bias") and m.bias is not None:
                init.constant_(m.bias.data, 0.0)

    return init_fun
