# case: the usual repair of the MonoLayout discriminator update: the discriminator loss uses a second prediction on the detached top-view output (`outputs["topview"].detach()`), so loss_D.backward() stops at the discriminator and never walks through the decoder weights the generator step changed
# source: https://github.com/manila95/monolayout/issues/6
import torch

from trainer import Trainer

torch.manual_seed(0)

if __name__ == "__main__":
    trainer = Trainer()
    trainer.train()
