# case: workaround posted in the thread: assign the out-of-place result back by index instead of mul_/add_ on the iterated channel
# source: https://github.com/haofanwang/Score-CAM/issues/28
import torch


def denormalize(tensor):
    means = [0.485, 0.456, 0.406]
    stds = [0.229, 0.224, 0.225]

    denormalized = tensor.clone()

    count = 0
    for channel, mean, std in zip(denormalized[0], means, stds):
        denormalized[0][count] = denormalized[0][count].mul(std)
        denormalized[0][count] = denormalized[0][count].add(mean)
        count += 1

    return denormalized


input_ = torch.rand(1, 3, 8, 8, requires_grad=True)
img = denormalize(input_)
img.sum().backward()
print(input_.grad[0, :, 0, 0])
