# case: DCGAN chapter demo writes a hand-made kernel into a fresh conv layer's weight by indexing (m.weight[0, 0, 0, 0] = 1) with grad on
# source: https://github.com/YutaroOgawa/pytorch_advanced/issues/160
import torch

from dcgan.demo import run_example, set_example_kernel
from dcgan.layers import make_layer

torch.manual_seed(0)


def main():
    print("normal convolution")
    m = set_example_kernel(make_layer("conv"))
    print(run_example(m))
    print("transposed convolution")
    mt = set_example_kernel(make_layer("convtranspose"))
    print(run_example(mt))


if __name__ == "__main__":
    main()
