import torch


def set_example_kernel(m):
    """Write a readable 2x2 kernel (1, 2, 3, 4) into the layer, as the book's example does."""
    m.weight[0, 0, 0, 0] = 1  # expect: GG001  # raises: RuntimeError: a view of a leaf Variable that requires grad
    m.weight[0, 0, 0, 1] = 2  # expect: GG001
    m.weight[0, 0, 1, 0] = 3  # expect: GG001
    m.weight[0, 0, 1, 1] = 4  # expect: GG001
    return m


def run_example(m):
    x = torch.arange(1.0, 10.0).reshape(1, 1, 3, 3)
    return m(x)
