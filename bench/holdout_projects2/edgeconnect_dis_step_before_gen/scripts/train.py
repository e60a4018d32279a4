# case: edge-connect InpaintingModel.backward steps the discriminator before the generator loss (which went through the discriminator) is backpropagated
# source: https://github.com/knazeri/edge-connect/issues/188
# pythonpath: src
from types import SimpleNamespace

import torch

from edgeconnect import InpaintingModel

torch.manual_seed(0)

config = SimpleNamespace(
    GAN_LOSS="nsgan", LR=1e-4, D2G_LR=0.1, BETA1=0.0, BETA2=0.9,
    INPAINT_ADV_LOSS_WEIGHT=0.1, L1_LOSS_WEIGHT=1.0,
)


def main():
    model = InpaintingModel(config)
    model.train()
    for _ in range(2):
        images = torch.rand(2, 3, 16, 16)
        edges = (torch.rand(2, 1, 16, 16) > 0.8).float()
        masks = torch.zeros(2, 1, 16, 16)
        masks[:, :, 4:12, 4:12] = 1
        outputs, gen_loss, dis_loss, logs = model.process(images, edges, masks)
        model.backward(gen_loss, dis_loss)
        print(logs)


if __name__ == "__main__":
    main()
