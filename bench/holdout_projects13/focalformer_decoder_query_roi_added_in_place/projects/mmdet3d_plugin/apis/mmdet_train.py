import torch


class OptimizerHook:
    """Backpropagate the summed losses and step the optimizer after each iteration (mmcv's OptimizerHook)."""

    def __init__(self, grad_clip=None):
        self.grad_clip = grad_clip

    def after_train_iter(self, runner):
        runner.optimizer.zero_grad()
        runner.outputs["loss"].backward()  # raises: RuntimeError: modified by an inplace operation
        if self.grad_clip is not None:
            torch.nn.utils.clip_grad_norm_(runner.model.parameters(), **self.grad_clip)
        runner.optimizer.step()


def parse_losses(losses):
    log_vars = {name: value.mean() for name, value in losses.items()}
    loss = sum(value for key, value in log_vars.items() if "loss" in key)
    log_vars["loss"] = loss
    return loss, {k: v.item() for k, v in log_vars.items()}


class EpochBasedRunner:
    def __init__(self, model, optimizer, max_epochs):
        self.model = model
        self.optimizer = optimizer
        self.max_epochs = max_epochs
        self.hooks = []
        self.outputs = None

    def register_hook(self, hook):
        self.hooks.append(hook)

    def train_step(self, data_batch):
        losses = self.model(return_loss=True, **data_batch)
        loss, log_vars = parse_losses(losses)
        return dict(loss=loss, log_vars=log_vars, num_samples=len(data_batch["points"]))

    def run(self, data_loader):
        self.model.train()
        for epoch in range(self.max_epochs):
            for i, data_batch in enumerate(data_loader):
                self.outputs = self.train_step(data_batch)
                for hook in self.hooks:
                    hook.after_train_iter(self)
                print("epoch {} iter {}: {}".format(epoch, i, self.outputs["log_vars"]))


def custom_train_detector(model, dataset, cfg):
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.optimizer.lr, weight_decay=cfg.optimizer.weight_decay)
    runner = EpochBasedRunner(model, optimizer, max_epochs=cfg.total_epochs)
    runner.register_hook(OptimizerHook(**cfg.optimizer_config))
    runner.run(dataset)
