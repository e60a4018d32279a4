"""
Misc functions, including distributed helpers (single process here).
"""

import torch
import torch.optim as optim


class SmoothedValue(object):
    """Track a series of values and provide access to their global average."""

    def __init__(self, fmt=None):
        self.total = 0.0
        self.count = 0
        self.fmt = fmt or "{global_avg:.4f}"

    def update(self, value, n=1):
        self.count += n
        self.total += value * n

    @property
    def global_avg(self):
        return self.total / max(self.count, 1)

    def __str__(self):
        return self.fmt.format(global_avg=self.global_avg)


class MetricLogger(object):
    def __init__(self, delimiter="\t"):
        self.meters = {}
        self.delimiter = delimiter

    def update(self, **kwargs):
        for k, v in kwargs.items():
            if isinstance(v, torch.Tensor):
                v = v.item()
            self.meters.setdefault(k, SmoothedValue()).update(v)

    def add_meter(self, name, meter):
        self.meters[name] = meter

    def __str__(self):
        return self.delimiter.join("{}: {}".format(name, meter) for name, meter in self.meters.items())

    def log_every(self, iterable, print_freq, header=None):
        for i, obj in enumerate(iterable):
            yield obj
            if i % print_freq == 0:
                print(header, i, str(self))


def get_rank():
    return 0


def add_weight_decay_2ops(model, weight_decay=1e-5, skip_list=()):
    decay = []
    no_decay = []
    diff_lr = []
    for name, param in model.named_parameters():
        if not param.requires_grad:
            continue  # frozen weights
        if "thresholds" in name:
            diff_lr.append(param)
        elif len(param.shape) == 1 or name.endswith(".bias") or name in skip_list:
            no_decay.append(param)
        else:
            decay.append(param)

    return [{"params": no_decay, "weight_decay": 0.0}, {"params": decay, "weight_decay": weight_decay}], [
        {"params": diff_lr, "weight_decay": 0.0}
    ]


def create_2optimizers(args, model, filter_bias_and_bn=True):
    opt_lower = args.opt.lower()
    weight_decay = args.weight_decay
    skip = {}
    if hasattr(model, "no_weight_decay"):
        skip = model.no_weight_decay()
    parameters1, parameters2 = add_weight_decay_2ops(model, weight_decay, skip)
    weight_decay = 0.0

    opt_args1 = dict(lr=args.lr, weight_decay=weight_decay)
    opt_args2 = dict(lr=args.arc_lr, weight_decay=0.0)

    opt_split = opt_lower.split("_")
    opt_lower = opt_split[-1]
    if opt_lower == "adamw":
        optimizer1 = optim.AdamW(parameters1, **opt_args1)
        optimizer2 = optim.AdamW(parameters2, **opt_args2)
    else:
        raise ValueError("Invalid optimizer")

    return optimizer1, optimizer2


class NativeScaler:
    state_dict_key = "amp_scaler"

    def __init__(self):
        # mixed precision is off on the CPU: scale() and step() pass through
        self._scaler = torch.amp.GradScaler("cpu", enabled=False)

    def __call__(self, loss, optimizer1, optimizer2, clip_grad=None, parameters=None, create_graph=False, model=None):
        self._scaler.scale(loss).backward(create_graph=create_graph)  # raises: RuntimeError: modified by an inplace operation

        self._scaler.step(optimizer1)

        if optimizer2:
            self._scaler.step(optimizer2)
        self._scaler.update()

    def state_dict(self):
        return self._scaler.state_dict()

    def load_state_dict(self, state_dict):
        self._scaler.load_state_dict(state_dict)
