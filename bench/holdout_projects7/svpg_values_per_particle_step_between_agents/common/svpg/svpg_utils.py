import torch


def parameters_to_vector(parameters, both=False):
    vec_params, vec_grads = [], []
    for param in parameters:
        vec_params.append(param.view(-1))
        if both:
            vec_grads.append(param.grad.view(-1))
    if both:
        return torch.cat(vec_params), torch.cat(vec_grads)
    return torch.cat(vec_params)


def vector_to_parameters(vec, parameters, grad=True):
    pointer = 0
    for param in parameters:
        num_param = param.numel()
        if grad:
            param.grad = vec[pointer : pointer + num_param].view_as(param).clone()
        else:
            param.data = vec[pointer : pointer + num_param].view_as(param).data
        pointer += num_param
