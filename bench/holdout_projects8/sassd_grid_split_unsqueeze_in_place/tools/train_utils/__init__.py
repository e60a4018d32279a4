from collections import OrderedDict

import torch


def parse_losses(losses):
    log_vars = OrderedDict()
    for loss_name, loss_value in losses.items():
        if isinstance(loss_value, torch.Tensor):
            log_vars[loss_name] = loss_value.mean()
        elif isinstance(loss_value, list):
            log_vars[loss_name] = sum(_loss.mean() for _loss in loss_value)
        elif loss_value is not None:
            raise TypeError("{} is not a tensor or list of tensors".format(loss_name))

    loss = sum(_value for _key, _value in log_vars.items() if "loss" in _key)

    log_vars["loss"] = loss
    for name in log_vars:
        log_vars[name] = log_vars[name].item()

    return loss, log_vars


def batch_processor(model, data):
    losses = model(**data)
    loss, log_vars = parse_losses(losses)
    return dict(loss=loss, log_vars=log_vars, num_samples=len(data["img_meta"]))


def train_one_epoch(model, optimizer, train_loader, epoch, log_interval):
    model.train()
    for i, data_batch in enumerate(train_loader):
        outputs = batch_processor(model, data_batch)
        optimizer.zero_grad()
        outputs["loss"].backward()
        optimizer.step()
        if i % log_interval == 0:
            log = " ".join("{}: {:.4f}".format(k, v) for k, v in outputs["log_vars"].items())
            print("Epoch [{}][{}/{}] {}".format(epoch, i + 1, len(train_loader), log))


def train_model(model, optimizer, train_loader, lr_scheduler, num_epochs, log_interval):
    for epoch in range(num_epochs):
        train_one_epoch(model, optimizer, train_loader, epoch, log_interval=log_interval)
        lr_scheduler.step()
