"""Stand-ins for the pieces of `accelerate` and `diffusers` the training scripts use (single CPU
process: no device placement, no gradient accumulation, no trackers)."""

import contextlib
import copy

import torch


class Accelerator:
    def __init__(self, log_with=None, project_dir=None, gradient_accumulation_steps=1):
        self.device = torch.device("cpu")
        self.gradient_accumulation_steps = gradient_accumulation_steps
        self.sync_gradients = True
        self.is_main_process = True
        self.is_local_main_process = True
        self.logs = []

    def init_trackers(self, project_name):
        self.project_name = project_name

    def prepare(self, *objects):
        return objects

    @contextlib.contextmanager
    def accumulate(self, model):
        yield

    def backward(self, loss, **kwargs):
        loss = loss / self.gradient_accumulation_steps
        loss.backward(**kwargs)  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation

    def clip_grad_norm_(self, parameters, max_norm, norm_type=2):
        return torch.nn.utils.clip_grad_norm_(parameters, max_norm, norm_type=norm_type)

    def log(self, values, step=None):
        self.logs.append((step, dict(values)))

    def wait_for_everyone(self):
        pass

    def unwrap_model(self, model):
        return model

    def end_training(self):
        pass


def get_scheduler(name, optimizer, num_warmup_steps=0, num_training_steps=None):
    if name != "constant_with_warmup":
        raise ValueError(name)

    def lr_lambda(current_step):
        if current_step < num_warmup_steps:
            return float(current_step) / float(max(1.0, num_warmup_steps))
        return 1.0

    return torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda)


class EMAModel:
    """Exponential moving average of model parameters."""

    def __init__(self, parameters, decay=0.9999):
        parameters = list(parameters)
        self.shadow_params = [p.clone().detach() for p in parameters]
        self.decay = decay
        self.collected_params = None

    @torch.no_grad()
    def step(self, parameters):
        one_minus_decay = 1 - self.decay
        for s_param, param in zip(self.shadow_params, parameters):
            if param.requires_grad:
                s_param.sub_(one_minus_decay * (s_param - param))
            else:
                s_param.copy_(param)

    @torch.no_grad()
    def copy_to(self, parameters):
        for s_param, param in zip(self.shadow_params, parameters):
            param.copy_(s_param)

    def store(self, parameters):
        self.collected_params = [param.detach().clone() for param in parameters]

    @torch.no_grad()
    def restore(self, parameters):
        for c_param, param in zip(self.collected_params, parameters):
            param.copy_(c_param)

    def state_dict(self):
        return {"decay": self.decay, "shadow_params": copy.deepcopy(self.shadow_params)}
