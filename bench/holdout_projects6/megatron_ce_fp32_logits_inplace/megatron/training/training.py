import torch


def train_step(forward_step_func, data_iterator, model, optimizer):
    optimizer.zero_grad()
    loss = forward_step_func(data_iterator, model)
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()
    return loss.detach()


def pretrain(forward_step_func, model_provider, train_iters, data_iterator):
    model = model_provider()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    for _ in range(train_iters):
        train_step(forward_step_func, data_iterator, model, optimizer)
    return model
