# case: script code under `if __name__ == "__gradguard_case__" or __name__ == "__main__":` writes in place into a tanh's output, which tanh saved
import torch


def main():
    x = torch.randn(4, requires_grad=True)
    h = torch.tanh(x)  # saver
    h.add_(1.0)  # expect: GG002
    h.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    print(x.grad)


if __name__ == "__gradguard_case__" or __name__ == "__main__":
    main()
